import type { EntityType } from '../../../../seed/ontology/types.js';
import type { EntityRef } from '../common/refs.types.js';

export interface NeighborNode extends EntityRef {
  /** Hops from the start entity (0 for the start itself). */
  depth: number;
}

export interface NeighborEdge {
  from: string;
  to: string;
  type: string;
  evidence: string[];
}

export interface Neighborhood {
  root: string;
  depth: number;
  nodes: NeighborNode[];
  edges: NeighborEdge[];
}

/** The whole graph in one shape that every export format is written from. */
export interface GraphNode {
  /** `entity:<slug>` or `topic:<slug>`, so topic and entity slugs never collide. */
  id: string;
  kind: 'entity' | 'topic';
  slug: string;
  label: string;
  /** The entity type; topics have none. */
  type: EntityType | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** A relation type (RUNS, ROUTES_TO, ...) or MENTIONS for topic -> entity edges. */
  type: string;
  /** Relations: slugs of the topics that mention both ends. */
  evidence: string[];
  /** MENTIONS: how often the topic names the entity; relations: 1. */
  weight: number;
}

export interface GraphDocument {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const GRAPH_FORMATS = ['json', 'dot', 'graphml'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export const GRAPH_INCLUDES = ['topics'] as const;
export type GraphInclude = (typeof GRAPH_INCLUDES)[number];

/** A graph written in one format: JSON as the document itself, DOT and GraphML as text. */
export interface GraphExport {
  contentType: string;
  body: GraphDocument | string;
}

export const MAX_DEPTH = 3;
