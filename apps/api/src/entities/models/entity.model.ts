import { Field, InterfaceType, ObjectType, type FieldMiddleware } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from 'graphql-scalars';
import { ENTITY_TYPES, type EntityType } from '../../../../../seed/ontology/types.js';
import { EntityRefModel, TopicSummaryModel } from '../../common/refs.model.js';
import { connectionTypes, listComplexity } from '../../graphql/relay.js';
import type * as T from '../entities.types.js';
import { EntityTypeEnum, RelationDirection } from './entity-type.enum.js';

// One class per shape: each is the GraphQL type and the OpenAPI schema at once. Where
// GraphQL answers whole objects (topics, the entity at a relation's other end), the
// field carries only @ApiProperty here and its resolver defines it for GraphQL.

@ObjectType({ description: 'A typed edge from or to an entity' })
export class Relation implements T.EntityRelation {
  @Field({ description: 'MANAGES, ROUTES_TO, REPLACED_BY, ...' })
  @ApiProperty({ description: 'Relation type (MANAGES, ROUTES_TO, RUNS, ...)', example: 'RUNS' })
  type: string;

  @Field(() => RelationDirection)
  @ApiProperty({ enum: ['out', 'in'], description: 'out: this entity is the subject; in: the object' })
  direction: 'out' | 'in';

  @ApiProperty({ type: EntityRefModel, description: 'The entity at the other end' })
  entity: EntityRefModel;

  @Field(() => [String], { description: 'Slugs of the topics that mention both ends' })
  @ApiProperty({ type: [String], description: 'Slugs of the topics that mention both ends', example: ['controller-manager'] })
  evidence: string[];
}

/**
 * A Kubernetes concept from the ontology. ServiceType, Probe and Controller
 * add typed fields read from `attributes`; other types are GenericEntity.
 */
@InterfaceType('Entity', {
  description: 'A Kubernetes concept from the ontology',
  resolveType: (entity: T.Entity) => IMPLEMENTATIONS[entity.type] ?? GenericEntity,
})
export abstract class Entity implements T.Entity {
  @Field()
  @ApiProperty({ example: 'clusterip' })
  slug: string;

  @Field()
  @ApiProperty({ example: 'ClusterIP' })
  name: string;

  @Field(() => EntityTypeEnum)
  @ApiProperty({ enum: ENTITY_TYPES, enumName: 'EntityType', example: 'SERVICE_TYPE' })
  type: EntityType;

  @Field(() => [String], { description: 'Chinese and English names the notes use for it' })
  @ApiProperty({ type: [String], description: 'Chinese and English names the notes use for it', example: ['Cluster IP', '集群IP'] })
  aliases: string[];

  @Field()
  @ApiProperty({ example: 'The default Service type: a virtual IP reachable inside the cluster' })
  description: string;

  @Field(() => GraphQLJSON, { description: 'Every ontology attribute, typed or not, as a JSON object' })
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Typed attributes from the ontology', example: { allocatesClusterIP: true } })
  attributes: Record<string, unknown>;

  @ApiProperty({ type: [TopicSummaryModel], description: 'Topics that mention it, in document order' })
  topics: TopicSummaryModel[];

  @Field(() => [Relation], { description: 'Outgoing relations, then incoming', complexity: listComplexity })
  @ApiProperty({ type: [Relation], description: 'Outgoing relations, then incoming' })
  relations: Relation[];
}

/** Typed attribute fields read straight from the entity's `attributes` JSON. */
const fromAttributes: FieldMiddleware = ({ source, info }) =>
  (source as T.Entity).attributes?.[info?.fieldName ?? ''] ?? null;
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

export class EntityPage {
  @ApiProperty({ type: [Entity] })
  items: Entity[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export const EntityConnection = connectionTypes('Entity', () => Entity);
