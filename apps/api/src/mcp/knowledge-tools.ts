import { Inject, Injectable } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ENTITY_TYPES } from '../../../../seed/ontology/types.js';
import { CompareService } from '../compare/compare.service.js';
import { MAX_COMPARED, MIN_COMPARED } from '../compare/compare.types.js';
import { LOGGER } from '../common/logger.js';
import { DomainError } from '../common/problems.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EntitiesService } from '../entities/entities.service.js';
import { GraphService } from '../graph/graph.service.js';
import { MAX_DEPTH } from '../graph/graph.types.js';
import { RetrievalService } from '../retrieval/retrieval.service.js';
import { RETRIEVE_LIMITS } from '../retrieval/retrieval.types.js';
import { SearchService } from '../search/search.service.js';
import { TopicsService } from '../topics/topics.service.js';
import { cite, comparisonText, entityText, neighborsText, passagesText, topicText } from './tool-text.js';

const SEARCH_LIMIT = 10;
const slug = z.string().min(1).max(200);

/**
 * The knowledge base as MCP tools. One McpServer per client connection (stdio)
 * or per request (stateless streamable HTTP); the services behind are shared.
 */
@Injectable()
export class KnowledgeTools {
  constructor(
    private readonly retrieval: RetrievalService,
    private readonly search: SearchService,
    private readonly topics: TopicsService,
    private readonly entities: EntitiesService,
    private readonly graph: GraphService,
    private readonly comparison: CompareService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `ready`: tools wait for it (stdio answers the handshake at once, while the data still loads). */
  createServer(ready: Promise<unknown> = Promise.resolve()): McpServer {
    const run = (work: () => Promise<CallToolResult>) => this.run(async () => {
      await ready;
      return work();
    });
    const server = new McpServer({ name: 'kubenotes', version: '0.1.0' }, {
      instructions: 'Kubernetes study notes (Chinese and English). Use retrieve for questions; quote passages with their citation (document, lines).',
    });
    const readOnly = { readOnlyHint: true, openWorldHint: false };

    server.registerTool('search', {
      title: 'Search the notes',
      description: 'Full-text search over topics, entities and snippets (Chinese or English). Returns {"results":[{id,title,url}]}; pass an id to fetch for the full text.',
      inputSchema: { query: z.string().min(1).max(500).describe('Search words, e.g. "headless service" or 就绪探针') },
      annotations: readOnly,
    }, ({ query }) => run(async () => {
      const results = await this.searchResults(query);
      return json({ results });
    }));

    server.registerTool('fetch', {
      title: 'Fetch a search result',
      description: 'The full text of a search result by its id ("topic:<slug>" or "entity:<slug>"), with url and metadata (document and line range to cite).',
      inputSchema: { id: z.string().min(1).max(210).describe('An id from search, e.g. "topic:headless-service"') },
      annotations: readOnly,
    }, ({ id }) => run(async () => json(await this.fetchDocument(id))));

    server.registerTool('get_topic', {
      title: 'Read a topic',
      description: 'One topic (a section of the notes) by slug: its text, snippets, subtopics, entities and source lines.',
      inputSchema: { slug: slug.describe('Topic slug, e.g. "headless-service"') },
      annotations: readOnly,
    }, ({ slug: s }) => run(async () => {
      const topic = await this.topics.get(s);
      return { content: [{ type: 'text', text: topicText(topic) }], structuredContent: { ...topic } };
    }));

    server.registerTool('get_entity', {
      title: 'Describe an entity',
      description: 'A Kubernetes concept from the ontology by slug (e.g. "headless", "liveness-probe"): type, aliases (Chinese and English), attributes, typed relations and the topics that mention it.',
      inputSchema: { slug: slug.describe('Entity slug, e.g. "clusterip"') },
      annotations: readOnly,
    }, ({ slug: s }) => run(async () => {
      const entity = await this.entities.get(s);
      return { content: [{ type: 'text', text: entityText(entity) }], structuredContent: { ...entity } };
    }));

    server.registerTool('neighbors', {
      title: 'Related entities',
      description: `Entities connected to one entity by typed relations (MANAGES, ROUTES_TO, REPLACED_BY, ...), up to ${MAX_DEPTH} hops, with the topics that evidence each relation.`,
      inputSchema: { slug: slug.describe('Entity slug'), depth: z.number().int().min(1).max(MAX_DEPTH).default(1).describe('Hops, 1 to 3') },
      annotations: readOnly,
    }, ({ slug: s, depth }) => run(async () => {
      const n = await this.graph.neighbors(s, depth);
      return { content: [{ type: 'text', text: neighborsText(n) }], structuredContent: { ...n } };
    }));

    server.registerTool('compare', {
      title: 'Compare entities',
      description: `A side-by-side table of ${MIN_COMPARED} to ${MAX_COMPARED} entities' typed attributes, e.g. ["clusterip","nodeport","loadbalancer"].`,
      inputSchema: { entities: z.array(slug).min(MIN_COMPARED).max(MAX_COMPARED).describe('Entity slugs') },
      annotations: readOnly,
    }, ({ entities }) => run(async () => {
      const c = await this.comparison.compare(entities);
      return { content: [{ type: 'text', text: comparisonText(c) }], structuredContent: { ...c } };
    }));

    server.registerTool('retrieve', {
      title: 'Passages that answer a question',
      description: 'The best passages of the notes for a question (Chinese, English or mixed), each with its citation (document and line range) and the entities it names; warns when a manifest uses a removed Kubernetes API. Quote passages with their citation.',
      inputSchema: {
        query: z.string().min(1).max(1000).describe('The question'),
        topK: z.number().int().min(RETRIEVE_LIMITS.topK[0]).max(RETRIEVE_LIMITS.topK[1]).optional().describe('How many passages (default 5)'),
        maxChars: z.number().int().min(RETRIEVE_LIMITS.maxChars[0]).max(RETRIEVE_LIMITS.maxChars[1]).optional().describe('Characters in all (default 4000)'),
        types: z.array(z.enum(ENTITY_TYPES)).optional().describe('Only passages naming an entity of these types'),
      },
      annotations: readOnly,
    }, (args) => run(async () => {
      const result = await this.retrieval.retrieve(args);
      return { content: [{ type: 'text', text: passagesText(result) }], structuredContent: { ...result } };
    }));
    return server;
  }

  private async searchResults(query: string) {
    const { hits } = await this.search.search({ q: query, limit: SEARCH_LIMIT * 2 });
    const results = new Map<string, { id: string; title: string; url: string }>();
    for (const hit of hits) {
      const [kind, key] = hit.kind === 'entity' ? ['entity', hit.slug] : ['topic', hit.topicSlug ?? hit.slug];
      const id = `${kind}:${key}`;
      if (!results.has(id)) results.set(id, { id, title: hit.kind === 'snippet' ? hit.title.replace(/ \((?:yaml|shell|output|text)\).*$/, '') : hit.title, url: this.url(kind, key) });
    }
    return [...results.values()].slice(0, SEARCH_LIMIT);
  }

  private async fetchDocument(id: string) {
    const [kind, key] = id.includes(':') ? (id.split(/:(.*)/s) as [string, string]) : ['topic', id];
    if (kind === 'entity') {
      const entity = await this.entities.get(key);
      return { id: `entity:${entity.slug}`, title: entity.name, text: entityText(entity), url: this.url('entity', entity.slug), metadata: { type: entity.type, aliases: entity.aliases } };
    }
    if (kind !== 'topic') throw new DomainError(400, 'bad-parameter', `id must start with "topic:" or "entity:" (got "${id.slice(0, 50)}")`);
    const topic = await this.topics.get(key);
    return {
      id: `topic:${topic.slug}`,
      title: topic.title,
      text: topicText(topic),
      url: this.url('topic', topic.slug),
      metadata: { ...topic.source, citation: cite(topic.source), entities: topic.entities, parentSlug: topic.parentSlug },
    };
  }

  private url(kind: string, key: string): string {
    const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host;
    return `http://${host}:${this.config.port}/api/v1/${kind === 'entity' ? 'entities' : 'topics'}/${encodeURIComponent(key)}`;
  }

  /** Known failures (unknown slug, bad parameter) answer as tool errors a model can read; others are logged, not leaked. */
  private async run(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError) return { isError: true, content: [{ type: 'text', text: error.message }] };
      this.logger.error({ err: error }, 'MCP tool failed');
      return { isError: true, content: [{ type: 'text', text: 'The knowledge base failed to answer; try again later.' }] };
    }
  }
}

function json(value: object): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: { ...value } };
}
