import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/problems.js';
import { toEntityRef } from '../common/refs.mapper.js';
import { GraphRepository, type RelationRow } from './graph.repository.js';
import type { GraphDocument, GraphEdge, GraphExport, GraphFormat, NeighborEdge, NeighborNode, Neighborhood } from './graph.types.js';
import { toDot } from './serializers/dot.js';
import { toGraphml } from './serializers/graphml.js';

const CONTENT_TYPES: Record<GraphFormat, string> = {
  json: 'application/json; charset=utf-8',
  dot: 'text/vnd.graphviz; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
};

const toEdge = (r: RelationRow): NeighborEdge => ({ from: r.from.slug, to: r.to.slug, type: r.type, evidence: r.evidence.map((e) => e.topic.slug) });

@Injectable()
export class GraphService {
  constructor(private readonly graph: GraphRepository) {}

  /**
   * Breadth-first over typed relations in both directions, one query per level.
   * Edges are every relation met on the way: those from a node nearer than
   * `depth` to any node of the result.
   */
  async neighbors(slug: string, depth = 1): Promise<Neighborhood> {
    const root = await this.graph.findEntity(slug);
    if (!root) throw new NotFoundError('entity', slug);
    const nodes = new Map<number, NeighborNode>([[root.id, { ...toEntityRef(root), depth: 0 }]]);
    const edges = new Map<number, NeighborEdge>();
    let frontier = [root.id];
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      const next: number[] = [];
      for (const relation of await this.graph.relationsTouching(frontier)) {
        edges.set(relation.id, toEdge(relation));
        for (const end of [relation.from, relation.to]) {
          if (nodes.has(end.id)) continue;
          nodes.set(end.id, { ...toEntityRef(end), depth: level });
          next.push(end.id);
        }
      }
      frontier = next;
    }
    return { root: root.slug, depth, nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  /** The whole graph in a format: JSON as the document, DOT and GraphML as text. */
  async export(format: GraphFormat = 'json', includeTopics = false): Promise<GraphExport> {
    const graph = await this.whole(includeTopics);
    const body = format === 'dot' ? toDot(graph) : format === 'graphml' ? toGraphml(graph) : graph;
    return { contentType: CONTENT_TYPES[format], body };
  }

  /** The whole graph: entities and relations, with `includeTopics` also topics and their MENTIONS edges. */
  async whole(includeTopics = false): Promise<GraphDocument> {
    const [entities, relations, topics, mentions] = await Promise.all([
      this.graph.allEntities(),
      this.graph.allRelations(),
      includeTopics ? this.graph.allTopics() : [],
      includeTopics ? this.graph.allMentions() : [],
    ]);
    const relationEdges: GraphEdge[] = relations.map((r) => ({ ...toEdge(r), from: `entity:${r.from.slug}`, to: `entity:${r.to.slug}`, weight: 1 }));
    const mentionEdges: GraphEdge[] = mentions.map((m) => ({
      from: `topic:${m.topic.slug}`,
      to: `entity:${m.entity.slug}`,
      type: 'MENTIONS',
      evidence: [],
      weight: m.count,
    }));
    return {
      nodes: [
        ...entities.map((e) => ({ id: `entity:${e.slug}`, kind: 'entity' as const, slug: e.slug, label: e.name, type: e.type })),
        ...topics.map((t) => ({ id: `topic:${t.slug}`, kind: 'topic' as const, slug: t.slug, label: t.title, type: null })),
      ],
      edges: [...relationEdges, ...mentionEdges],
    };
  }
}
