import { Field, InterfaceType, ObjectType, type FieldMiddleware } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { EntityType } from '../../../../../seed/ontology/types.js';
import { connectionTypes } from '../../graphql/relay.js';
import { EntityTypeEnum, RelationDirection } from './entity-type.enum.js';

/** What every Entity resolver receives: an entity's own columns (relations come from loaders). */
export interface EntitySource {
  slug: string;
  name: string;
  type: EntityType;
  aliases: string[];
  description: string;
  attributes: Record<string, unknown>;
}

/**
 * A Kubernetes concept from the ontology. ServiceType, Probe and Controller
 * add typed fields read from `attributes`; other types are GenericEntity.
 */
@InterfaceType('Entity', {
  description: 'A Kubernetes concept from the ontology',
  resolveType: (entity: EntitySource) => IMPLEMENTATIONS[entity.type] ?? GenericEntity,
})
export abstract class Entity {
  @Field()
  slug: string;

  @Field()
  name: string;

  @Field(() => EntityTypeEnum)
  type: EntityType;

  @Field(() => [String], { description: 'Chinese and English names the notes use for it' })
  aliases: string[];

  @Field()
  description: string;

  @Field(() => GraphQLJSON, { description: 'Every ontology attribute, typed or not, as a JSON object' })
  attributes: Record<string, unknown>;
}

/** Typed attribute fields read straight from the entity's `attributes` JSON. */
const fromAttributes: FieldMiddleware = ({ source, info }) =>
  (source as EntitySource).attributes?.[info?.fieldName ?? ''] ?? null;
const attribute = (description?: string) => ({ nullable: true, middleware: [fromAttributes], ...(description ? { description } : {}) });

@ObjectType({ implements: () => [Entity], description: 'A way a Service is exposed (ClusterIP, NodePort, ...)' })
export class ServiceType extends Entity {
  @Field(() => Boolean, attribute('Whether the Service gets a virtual cluster IP'))
  allocatesClusterIP: boolean | null;

  @Field(() => String, attribute('The DNS record the Service name resolves to'))
  dnsRecord: string | null;

  @Field(() => String, attribute('How clients outside the cluster reach it'))
  externalAccess: string | null;

  @Field(() => String, attribute('The Service type it builds on'))
  builtOn: string | null;
}

@ObjectType({ implements: () => [Entity], description: 'A container health check run by the kubelet' })
export class Probe extends Entity {
  @Field(() => String, attribute('What happens when the probe fails'))
  failureAction: string | null;

  @Field(() => [String], attribute('Check mechanisms: httpGet, tcpSocket, exec, grpc'))
  mechanisms: string[] | null;

  @Field(() => String, attribute('The container spec field that configures it'))
  field: string | null;

  @Field(() => Boolean, attribute())
  allowedInInitContainers: boolean | null;
}

@ObjectType({ implements: () => [Entity], description: 'A control loop' })
export class Controller extends Entity {
  @Field(() => String, attribute('The binary or deployment that runs it'))
  manager: string | null;

  @Field(() => String, attribute('What it manages'))
  manages: string | null;

  @Field(() => [String], attribute('Command-line flags that tune it'))
  flags: string[] | null;
}

@ObjectType({ implements: () => [Entity], description: 'Any other entity type; see `attributes`' })
export class GenericEntity extends Entity {}

const IMPLEMENTATIONS: Partial<Record<EntityType, typeof Entity>> = {
  SERVICE_TYPE: ServiceType,
  PROBE: Probe,
  CONTROLLER: Controller,
};

@ObjectType({ description: 'A typed edge from or to an entity' })
export class Relation {
  @Field({ description: 'MANAGES, ROUTES_TO, REPLACED_BY, ...' })
  type: string;

  @Field(() => RelationDirection)
  direction: RelationDirection;

  @Field(() => [String], { description: 'Slugs of the topics that mention both ends' })
  evidence: string[];
}

export const EntityConnection = connectionTypes('Entity', () => Entity);
