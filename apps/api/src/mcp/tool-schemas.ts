/**
 * The output schema of every MCP tool. Each is checked against the service type it describes
 * (`satisfies z.ZodType<T>`), so a required field added to a service's answer fails the type check
 * here. Objects are loose (more properties allowed): a new optional field of a service must not make
 * clients that validate structuredContent (the SDK's Client does) reject every answer.
 */
import { z } from 'zod';
import { ENTITY_TYPES } from '../../../../seed/ontology/types.js';
import type { Comparison } from '../compare/compare.types.js';
import type { Entity, EntityRef } from '../entities/entities.types.js';
import type { Neighborhood } from '../graph/graph.types.js';
import type { ManifestCheckResult, ManifestFinding } from '../manifests/manifests.types.js';
import type { RetrieveResult } from '../retrieval/retrieval.types.js';
import type { Topic, TopicSummary } from '../topics/topics.types.js';

const entityRef = z.looseObject({ slug: z.string(), name: z.string(), type: z.enum(ENTITY_TYPES) }) satisfies z.ZodType<EntityRef>;

const topicSummary = z.looseObject({
  slug: z.string(),
  title: z.string(),
  level: z.number().int(),
  parentSlug: z.string().nullable(),
  order: z.number().int(),
}) satisfies z.ZodType<TopicSummary>;

const lines = { lineStart: z.number().int(), lineEnd: z.number().int() };

const manifestStatus = z.enum(['ok', 'deprecated', 'removed', 'invalid']);

const finding = z.looseObject({
  severity: z.enum(['error', 'warning', 'info']),
  path: z.string().describe('JSON pointer into the object'),
  line: z.number().int(),
  message: z.string(),
  rule: z.string(),
}) satisfies z.ZodType<ManifestFinding>;

export const manifestCheckOutput = z.looseObject({
  kubernetesVersion: z.string(),
  documents: z.array(z.looseObject({
    apiVersion: z.string(),
    kind: z.string(),
    name: z.string().nullable(),
    line: z.number().int(),
    status: manifestStatus,
    findings: z.array(finding),
    converted: z.string().nullable(),
    entity: entityRef.nullable(),
    deprecation: z.looseObject({ replacement: z.string(), deprecatedIn: z.string().nullable(), removedIn: z.string().nullable(), note: z.string() }).nullable(),
  })),
}) satisfies z.ZodType<ManifestCheckResult>;

export const topicOutput = topicSummary.extend({
  body: z.string(),
  lang: z.string(),
  source: z.looseObject({ document: z.string(), ...lines }),
  snippets: z.array(z.looseObject({
    kind: z.enum(['yaml', 'shell', 'output', 'text']),
    language: z.string().nullable(),
    content: z.string(),
    ...lines,
    manifest: z.looseObject({
      apiVersion: z.string(),
      kind: z.string(),
      name: z.string().nullable(),
      entity: entityRef.nullable(),
      status: manifestStatus,
      findings: z.array(finding),
      deprecated: z.looseObject({ replacement: z.string(), removedIn: z.string(), deprecatedIn: z.string().nullable(), note: z.string() }).optional(),
      converted: z.string().optional(),
    }).optional(),
  })),
  entities: z.array(entityRef),
  children: z.array(topicSummary),
}) satisfies z.ZodType<Topic>;

export const entityOutput = entityRef.extend({
  aliases: z.array(z.string()),
  description: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  topics: z.array(topicSummary),
  relations: z.array(z.looseObject({
    type: z.string(),
    direction: z.enum(['out', 'in']),
    entity: entityRef,
    evidence: z.array(z.string()).describe('Slugs of the topics that mention both ends'),
  })),
}) satisfies z.ZodType<Entity>;

export const neighborhoodOutput = z.looseObject({
  root: z.string(),
  depth: z.number().int(),
  nodes: z.array(entityRef.extend({ depth: z.number().int().describe('Hops from the root') })),
  edges: z.array(z.looseObject({ from: z.string(), to: z.string(), type: z.string(), evidence: z.array(z.string()) })),
}) satisfies z.ZodType<Neighborhood>;

const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

export const comparisonOutput = z.looseObject({
  entities: z.array(entityRef),
  attributes: z.array(z.looseObject({ name: z.string(), values: z.record(z.string(), attributeValue).describe('By entity slug') })),
}) satisfies z.ZodType<Comparison>;

export const retrieveOutput = z.looseObject({
  query: z.string(),
  backend: z.string(),
  passages: z.array(z.looseObject({
    id: z.string().describe('Stable while the topic is unchanged: "<topic slug>#<position>"'),
    topicSlug: z.string(),
    title: z.string(),
    text: z.string(),
    score: z.number().min(0).max(1),
    citation: z.looseObject({ document: z.string(), documentSlug: z.string(), ...lines }),
    entities: z.array(entityRef),
    kind: z.enum(['prose', 'snippet']),
    headingPath: z.array(z.string()).describe('document › section › subsection'),
    previous: z.string().nullable().describe('The passage before it in its document, for widening the context'),
    next: z.string().nullable().describe('The passage after it in its document'),
    warnings: z.array(z.looseObject({
      code: z.string().describe('removed-api, deprecated-api, schema, unknown-field or yaml'),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      line: z.number().int().nullable().describe('Line in the cited document; null when unknown'),
      path: z.string().optional(),
      apiVersion: z.string().optional(),
      kind: z.string().optional(),
      removedIn: z.string().optional(),
      replacement: z.string().optional(),
    })).optional(),
  })),
}) satisfies z.ZodType<RetrieveResult>;

/** A search result as ChatGPT connectors expect it: an id fetch takes, a title, a URL a person can open. */
export interface SearchResultItem {
  id: string;
  title: string;
  url: string;
}

export const searchOutput = z.looseObject({
  results: z.array(z.looseObject({ id: z.string(), title: z.string(), url: z.string().url() })),
}) satisfies z.ZodType<{ results: SearchResultItem[] }>;

/** What fetch answers, as ChatGPT connectors expect it; metadata says where to cite a topic, or what an entity is. */
export interface FetchedDocument extends SearchResultItem {
  text: string;
  metadata:
    | { document: string; lineStart: number; lineEnd: number; citation: string; entities: EntityRef[]; parentSlug: string | null }
    | { type: EntityRef['type']; aliases: string[] };
}

const topicMetadata = z.looseObject({
  document: z.string(),
  ...lines,
  citation: z.string().describe('"<document>, lines a-b"'),
  entities: z.array(entityRef),
  parentSlug: z.string().nullable(),
});
const entityMetadata = z.looseObject({ type: z.enum(ENTITY_TYPES), aliases: z.array(z.string()) });

export const fetchOutput = z.looseObject({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string().url(),
  metadata: z.union([topicMetadata, entityMetadata]),
}) satisfies z.ZodType<FetchedDocument>;
