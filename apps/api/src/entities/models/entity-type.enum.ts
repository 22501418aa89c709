import { registerEnumType } from '@nestjs/graphql';
import { ENTITY_TYPES, type EntityType } from '../../../../../seed/ontology/types.js';

/** The ontology's entity types as a GraphQL enum, spelled exactly as REST's `?type=`. */
export const EntityTypeEnum = Object.fromEntries(ENTITY_TYPES.map((type) => [type, type])) as { [T in EntityType]: T };
registerEnumType(EntityTypeEnum, { name: 'EntityType', description: 'Kind of Kubernetes concept (the same values as REST ?type=)' });

export enum RelationDirection {
  OUT = 'out',
  IN = 'in',
}
registerEnumType(RelationDirection, {
  name: 'RelationDirection',
  description: 'OUT: this entity is the subject (this MANAGES that); IN: the object',
});
