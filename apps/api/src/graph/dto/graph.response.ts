import { ApiProperty } from '@nestjs/swagger';
import { ENTITY_TYPES, type EntityType } from '../../../../../seed/ontology/types.js';
import { EntityRefDto } from '../../entities/dto/entity-ref.dto.js';
import type { GraphDocument, GraphEdge, GraphNode } from '../graph.model.js';
import type { NeighborEdge, NeighborNode, Neighborhood } from '../graph.service.js';

export class NeighborNodeDto extends EntityRefDto implements NeighborNode {
  @ApiProperty({ description: 'Hops from the start entity; 0 for the start itself', example: 1 })
  depth: number;
}

export class NeighborEdgeDto implements NeighborEdge {
  @ApiProperty({ description: 'Slug of the subject entity', example: 'loadbalancer' })
  from: string;

  @ApiProperty({ description: 'Slug of the object entity', example: 'nodeport' })
  to: string;

  @ApiProperty({ description: 'Relation type', example: 'EXTENDS' })
  type: string;

  @ApiProperty({ type: [String], description: 'Slugs of the topics that mention both ends' })
  evidence: string[];
}

export class NeighborhoodDto implements Neighborhood {
  @ApiProperty({ description: 'Slug of the start entity', example: 'nodeport' })
  root: string;

  @ApiProperty({ example: 1 })
  depth: number;

  @ApiProperty({ type: [NeighborNodeDto] })
  nodes: NeighborNodeDto[];

  @ApiProperty({ type: [NeighborEdgeDto] })
  edges: NeighborEdgeDto[];
}

export class GraphNodeDto implements GraphNode {
  @ApiProperty({ description: '`entity:<slug>` or `topic:<slug>`', example: 'entity:clusterip' })
  id: string;

  @ApiProperty({ enum: ['entity', 'topic'] })
  kind: 'entity' | 'topic';

  @ApiProperty({ example: 'clusterip' })
  slug: string;

  @ApiProperty({ description: 'Entity name or topic title', example: 'ClusterIP' })
  label: string;

  @ApiProperty({ enum: ENTITY_TYPES, enumName: 'EntityType', nullable: true, description: 'Null for topics' })
  type: EntityType | null;
}

export class GraphEdgeDto implements GraphEdge {
  @ApiProperty({ example: 'entity:kube-controller-manager' })
  from: string;

  @ApiProperty({ example: 'entity:node-controller' })
  to: string;

  @ApiProperty({ description: 'Relation type, or MENTIONS for topic -> entity', example: 'RUNS' })
  type: string;

  @ApiProperty({ type: [String], description: 'Relations: slugs of the topics that mention both ends' })
  evidence: string[];

  @ApiProperty({ description: 'MENTIONS: how often the topic names the entity; relations: 1', example: 1 })
  weight: number;
}

export class GraphDocumentDto implements GraphDocument {
  @ApiProperty({ type: [GraphNodeDto] })
  nodes: GraphNodeDto[];

  @ApiProperty({ type: [GraphEdgeDto] })
  edges: GraphEdgeDto[];
}
