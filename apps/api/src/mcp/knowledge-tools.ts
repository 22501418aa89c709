import { Inject, Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ENTITY_TYPES } from '../../../../seed/ontology/types.js';
import { MAX_MANIFEST_CHARS } from '../../../../seed/manifests/index.js';
import { CompareService } from '../compare/compare.service.js';
import { MAX_COMPARED, MIN_COMPARED } from '../compare/compare.types.js';
import { LOGGER } from '../common/logger.js';
import { BadParameterError, DomainError, NotFoundError } from '../common/problems.js';
import { MAX_SLUG_LENGTH } from '../common/slug.input.js';
import { EntitiesService } from '../entities/entities.service.js';
import { GraphService } from '../graph/graph.service.js';
import { MAX_DEPTH } from '../graph/graph.types.js';
import { ManifestsService } from '../manifests/manifests.service.js';
import { RetrievalService } from '../retrieval/retrieval.service.js';
import { MAX_RETRIEVE_QUERY_CHARS, RETRIEVE_LIMITS } from '../retrieval/retrieval.types.js';
import { SearchService } from '../search/search.service.js';
import { MAX_QUERY_CHARS } from '../search/search.types.js';
import { TopicsService } from '../topics/topics.service.js';
import type { Links, McpContext } from './mcp-context.js';
import { cite, comparisonText, entityText, manifestCheckText, neighborsText, passagesText, topicText } from './tool-text.js';
import {
  comparisonOutput, entityOutput, fetchOutput, manifestCheckOutput, neighborhoodOutput, retrieveOutput, searchOutput, topicOutput, type FetchedDocument, type SearchResultItem,
} from './tool-schemas.js';

const SEARCH_LIMIT = 10;
// eslint-disable-next-line no-control-regex
const slug = z.string().min(1).max(MAX_SLUG_LENGTH).regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

/**
 * The knowledge base as MCP tools, each with an output schema its structuredContent conforms to
 * (McpServer checks it before answering). The text content says the same for clients that show text.
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
    private readonly manifests: ManifestsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  register(server: McpServer, { ready, links }: McpContext): void {
    const run = (work: () => Promise<CallToolResult>) => this.run(async () => {
      await ready;
      return work();
    });
    const readOnly = { readOnlyHint: true, openWorldHint: false };

    server.registerTool('search', {
      title: 'Search the notes',
      description: 'Full-text search over topics, entities and snippets (Chinese or English). Returns {"results":[{id,title,url}]}; pass an id to fetch for the full text.',
      inputSchema: { query: z.string().min(1).max(MAX_QUERY_CHARS).describe('Search words, e.g. "headless service" or 就绪探针') },
      outputSchema: searchOutput,
      annotations: readOnly,
    }, ({ query }) => run(async () => json({ results: await this.searchResults(query, links) })));

    server.registerTool('fetch', {
      title: 'Fetch a search result',
      description: 'The full text of a search result by its id ("topic:<slug>" or "entity:<slug>"), with url and metadata (document and line range to cite).',
      inputSchema: { id: z.string().min(1).max(MAX_SLUG_LENGTH + 10).describe('An id from search, e.g. "topic:headless-service"') },
      outputSchema: fetchOutput,
      annotations: readOnly,
    }, ({ id }) => run(async () => json(await this.fetchDocument(id, links))));

    server.registerTool('get_topic', {
      title: 'Read a topic',
      description: 'One topic (a section of the notes) by slug: its text, snippets, subtopics, entities and source lines.',
      inputSchema: { slug: slug.describe('Topic slug, e.g. "headless-service"') },
      outputSchema: topicOutput,
      annotations: readOnly,
    }, ({ slug: s }) => run(async () => {
      const topic = await this.topics.get(s);
      return { content: [{ type: 'text', text: topicText(topic) }], structuredContent: { ...topic } };
    }));

    server.registerTool('get_entity', {
      title: 'Describe an entity',
      description: 'A Kubernetes concept from the ontology by slug (e.g. "headless", "liveness-probe"): type, aliases (Chinese and English), attributes, typed relations and the topics that mention it.',
      inputSchema: { slug: slug.describe('Entity slug, e.g. "clusterip"') },
      outputSchema: entityOutput,
      annotations: readOnly,
    }, ({ slug: s }) => run(async () => {
      const entity = await this.entities.get(s);
      return { content: [{ type: 'text', text: entityText(entity) }], structuredContent: { ...entity } };
    }));

    server.registerTool('neighbors', {
      title: 'Related entities',
      description: `Entities connected to one entity by typed relations (MANAGES, ROUTES_TO, REPLACED_BY, ...), up to ${MAX_DEPTH} hops, with the topics that evidence each relation.`,
      inputSchema: { slug: slug.describe('Entity slug'), depth: z.number().int().min(1).max(MAX_DEPTH).default(1).describe('Hops, 1 to 3') },
      outputSchema: neighborhoodOutput,
      annotations: readOnly,
    }, ({ slug: s, depth }) => run(async () => {
      const n = await this.graph.neighbors(s, depth);
      return { content: [{ type: 'text', text: neighborsText(n) }], structuredContent: { ...n } };
    }));

    server.registerTool('compare', {
      title: 'Compare entities',
      description: `A side-by-side table of ${MIN_COMPARED} to ${MAX_COMPARED} entities' typed attributes, e.g. ["clusterip","nodeport","loadbalancer"].`,
      inputSchema: { entities: z.array(slug).min(MIN_COMPARED).max(MAX_COMPARED).describe('Entity slugs') },
      outputSchema: comparisonOutput,
      annotations: readOnly,
    }, ({ entities }) => run(async () => {
      const c = await this.comparison.compare(entities);
      return { content: [{ type: 'text', text: comparisonText(c) }], structuredContent: { ...c } };
    }));

    server.registerTool('check_manifest', {
      title: 'Check a Kubernetes manifest',
      description: 'Checks pasted Kubernetes YAML (one or more documents) like kubeconform -strict and pluto: schema, unknown fields (typos), deprecated and removed APIs at a Kubernetes version, each finding with its JSON path and line, and the converted manifest where the migration is mechanical.',
      inputSchema: {
        yaml: z.string().min(1).max(MAX_MANIFEST_CHARS).describe('Kubernetes YAML, documents separated by ---'),
        kubernetesVersion: z.string().max(20).optional().describe('Judge deprecations at this release, e.g. "1.25"; default the newest known'),
      },
      outputSchema: manifestCheckOutput,
      annotations: readOnly,
    }, ({ yaml, kubernetesVersion }) => run(async () => {
      const result = await this.manifests.check(yaml, kubernetesVersion);
      return { content: [{ type: 'text', text: manifestCheckText(result) }], structuredContent: { ...result } };
    }));

    server.registerTool('retrieve', {
      title: 'Passages that answer a question',
      description: 'The best passages of the notes for a question (Chinese, English or mixed), each with its citation (document and line range) and the entities it names; warns when a manifest uses a removed Kubernetes API. Quote passages with their citation.',
      inputSchema: {
        query: z.string().min(1).max(MAX_RETRIEVE_QUERY_CHARS).describe('The question'),
        topK: z.number().int().min(RETRIEVE_LIMITS.topK[0]).max(RETRIEVE_LIMITS.topK[1]).optional().describe('How many passages (default 5)'),
        maxChars: z.number().int().min(RETRIEVE_LIMITS.maxChars[0]).max(RETRIEVE_LIMITS.maxChars[1]).optional().describe('Characters in all (default 4000)'),
        scoreThreshold: z.number().min(0).max(1).optional().describe('Drop passages scoring below this, 0 to 1 (default 0)'),
        types: z.array(z.enum(ENTITY_TYPES)).optional().describe('Only passages naming an entity of these types'),
      },
      outputSchema: retrieveOutput,
      annotations: readOnly,
    }, (args) => run(async () => {
      const result = await this.retrieval.retrieve(args);
      return { content: [{ type: 'text', text: passagesText(result) }], structuredContent: { ...result } };
    }));
  }

  /** One result per topic or entity, best first; a snippet hit stands for its topic, under the topic's title. */
  private async searchResults(query: string, links: Links): Promise<SearchResultItem[]> {
    const { hits } = await this.search.search({ q: query, limit: SEARCH_LIMIT * 2 });
    const chosen = new Map<string, { kind: 'topic' | 'entity'; slug: string; title?: string }>();
    for (const hit of hits) {
      if (hit.kind !== 'entity' && !hit.topicSlug) continue;
      const target = hit.kind === 'entity'
        ? { kind: 'entity' as const, slug: hit.slug, title: hit.title }
        : { kind: 'topic' as const, slug: hit.topicSlug!, ...(hit.kind === 'topic' ? { title: hit.title } : {}) };
      const id = `${target.kind}:${target.slug}`;
      const seen = chosen.get(id);
      if (!seen) chosen.set(id, target);
      else seen.title ??= target.title;
    }
    const results = await Promise.all([...chosen.entries()].slice(0, SEARCH_LIMIT).map(async ([id, t]) => {
      const title = t.title ?? (await this.topicTitle(t.slug));
      return title === undefined ? [] : [{ id, title, url: t.kind === 'entity' ? links.entity(t.slug) : links.topic(t.slug) }];
    }));
    return results.flat();
  }

  /** A snippet's topic title; undefined when the topic went away since it was indexed. */
  private async topicTitle(slug: string): Promise<string | undefined> {
    try {
      return (await this.topics.get(slug)).title;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private async fetchDocument(id: string, links: Links): Promise<FetchedDocument> {
    const [kind, key] = id.includes(':') ? (id.split(/:(.*)/s) as [string, string]) : ['topic', id];
    if (kind !== 'topic' && kind !== 'entity') throw new BadParameterError('id', `must start with "topic:" or "entity:" (got "${id.slice(0, 50)}")`);
    if (!slug.safeParse(key).success) throw new BadParameterError('id', `must name a slug after "${kind}:" (1 to ${MAX_SLUG_LENGTH} characters, no control characters)`);
    if (kind === 'entity') {
      const entity = await this.entities.get(key);
      return { id: `entity:${entity.slug}`, title: entity.name, text: entityText(entity), url: links.entity(entity.slug), metadata: { type: entity.type, aliases: entity.aliases } };
    }
    const topic = await this.topics.get(key);
    return {
      id: `topic:${topic.slug}`,
      title: topic.title,
      text: topicText(topic),
      url: links.topic(topic.slug),
      metadata: { ...topic.source, citation: cite(topic.source), entities: topic.entities, parentSlug: topic.parentSlug },
    };
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
