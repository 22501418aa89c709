import { Injectable } from '@nestjs/common';
import { Prisma } from '../../../../generated/prisma/client.js';
import type { OntologyEntity, OntologyRelation } from '../../../../seed/ontology/types.js';
import type { GraphTopic } from '../../../../seed/parser/topic-graph.js';
import type { TopicLink } from '../../../../seed/parser/related-topics.js';
import type { ContentChangeInput } from '../content-changes/content-change.types.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import { DatabaseService } from '../database/database.service.js';

type Tx = Prisma.TransactionClient;

export interface DocumentRow {
  name: string;
  slug: string;
  format: string;
  title: string | null;
  metadata: Prisma.InputJsonObject;
  sourceFolder: string | null;
  contentHash: string;
  content: string;
  lineCount: number;
}

export interface StoredDocument {
  id: number;
  name: string;
  slug: string;
  contentHash: string;
  sourceFolder: string | null;
}

export interface TopicRow {
  id: number;
  slug: string;
  documentId: number;
  parentId: number | null;
  level: number;
  position: number;
  title: string;
  titleDerived: boolean;
  body: string;
  lang: string;
  lineStart: number;
  lineEnd: number;
}

export interface SnippetRow {
  topicId: number;
  position: number;
  kind: string;
  language: string | null;
  content: string;
  lineStart: number;
  lineEnd: number;
  apiVersion: string | null;
  manifestKind: string | null;
  manifestName: string | null;
  deprecatedReplacement: string | null;
  deprecatedRemovedIn: string | null;
  deprecatedNote: string | null;
  deprecatedIn: string | null;
  manifestStatus: string | null;
  manifestFindings: unknown[] | null;
  manifestConverted: string | null;
  /** The slug of the entity a manifest is of. */
  manifestEntity: string | null;
}

export interface PassageRow {
  topicId: number;
  position: number;
  kind: string;
  text: string;
  lineStart: number;
  lineEnd: number;
  snippetPosition: number | null;
  cuts: number[];
}

export interface MentionRow {
  topicId: number;
  /** The entity's slug. */
  entity: string;
  count: number;
}

// Ingesting the 1000x benchmark corpus takes minutes; the default is 5 s.
const TRANSACTION_OPTIONS = { timeout: 30 * 60_000, maxWait: 60_000 };

/**
 * The only writer of the topic graph: reads and writes rows, computes nothing.
 * Every write goes through transaction(), whose IngestRows are valid inside it only.
 */
@Injectable()
export class IngestRepository {
  constructor(
    private readonly database: DatabaseService,
    private readonly contentChanges: ContentChanges,
  ) {}

  private get prisma() {
    return this.database.prisma;
  }

  /**
   * One transaction. What the work announced (rows.announce) is recorded in the
   * content log as its last statement, so every process follows it, and this
   * process's caches move past it once it commits; a rollback changed nothing.
   */
  async transaction<T>(work: (rows: IngestRows) => Promise<T>): Promise<T> {
    let version: number | null = null;
    const result = await this.prisma.$transaction(async (tx) => {
      const rows = new IngestRows(tx);
      const value = await work(rows);
      if (rows.change) version = await this.contentChanges.record(tx, rows.change);
      return value;
    }, TRANSACTION_OPTIONS);
    if (version !== null) this.contentChanges.committed(version);
    return result;
  }

  /**
   * Fresh planner statistics for the tables ingest grows (outside any transaction). Without them a
   * table planned while small is planned so forever where nothing else analyzes it (PGlite has no
   * autovacuum; a PostgreSQL may have it off).
   */
  async analyze(): Promise<void> {
    await this.prisma.$executeRawUnsafe('ANALYZE documents, topics, snippets, passages, mentions, relation_evidence, topic_links');
  }

  countDocuments(): Promise<number> {
    return this.prisma.document.count();
  }

  countTopics(documentId: number): Promise<number> {
    return this.prisma.topic.count({ where: { documentId } });
  }

  findDocumentByName(name: string): Promise<StoredDocument | null> {
    return this.prisma.document.findUnique({ where: { name }, select: documentSelect });
  }

  findDocumentBySlug(slug: string): Promise<StoredDocument | null> {
    return this.prisma.document.findUnique({ where: { slug }, select: documentSelect });
  }

  /** Documents last ingested from this folder (a folder ingest prunes the ones whose file is gone). */
  documentsFrom(sourceFolder: string): Promise<StoredDocument[]> {
    return this.prisma.document.findMany({ where: { sourceFolder }, select: documentSelect, orderBy: { name: 'asc' } });
  }

  /** Records the folder an unchanged document now comes from (its content, and so the graph, stay as they are). */
  async setSourceFolder(id: number, sourceFolder: string): Promise<void> {
    await this.prisma.document.update({ where: { id }, data: { sourceFolder } });
  }

  /** Which of these topic slugs belong to documents other than `documentName`. */
  async topicSlugsOfOthers(slugs: readonly string[], documentName: string): Promise<Set<string>> {
    const rows = await this.prisma.topic.findMany({
      where: { slug: { in: [...new Set(slugs)] }, document: { name: { not: documentName } } },
      select: { slug: true },
    });
    return new Set(rows.map((row) => row.slug));
  }

  /** Document slugs equal to `slug` or `slug-<n>`, of documents other than `documentName`. */
  async documentSlugsLike(slug: string, documentName: string): Promise<Set<string>> {
    const rows = await this.prisma.document.findMany({
      where: { OR: [{ slug }, { slug: { startsWith: `${slug}-` } }], name: { not: documentName } },
      select: { slug: true },
    });
    return new Set(rows.map((row) => row.slug));
  }
}

const documentSelect = { id: true, name: true, slug: true, contentHash: true, sourceFolder: true } satisfies Prisma.DocumentSelect;

/** Row reads and writes inside one transaction. */
export class IngestRows {
  /** What this transaction changed, for the content log (the last announcement wins). */
  change: ContentChangeInput | null = null;

  constructor(private readonly tx: Tx) {}

  announce(change: ContentChangeInput): void {
    this.change = change;
  }

  /** Serialises writes of one document name across processes and connections (released at commit). */
  async lockDocumentName(name: string): Promise<void> {
    await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
  }

  findDocument(name: string): Promise<StoredDocument | null> {
    return this.tx.document.findUnique({ where: { name }, select: documentSelect });
  }

  async saveDocument(document: DocumentRow, existingId: number | null): Promise<number> {
    if (existingId === null) return (await this.tx.document.create({ data: document, select: { id: true } })).id;
    await this.tx.document.update({ where: { id: existingId }, data: { ...document, updatedAt: new Date() } });
    return existingId;
  }

  async deleteDocument(id: number): Promise<void> {
    await this.tx.document.delete({ where: { id } });
  }

  async topicIdsOf(documentId: number): Promise<number[]> {
    const rows = await this.tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM topics WHERE document_id = ${documentId}`;
    return rows.map((row) => row.id);
  }

  /** Those of these topics that still exist. */
  async existingTopics(topicIds: readonly number[]): Promise<number[]> {
    if (topicIds.length === 0) return [];
    const rows = await this.tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM topics WHERE id = ANY(${[...topicIds]}::int[])`;
    return rows.map((row) => row.id);
  }

  /** Removes a document's topics; snippets, mentions, evidence and links go with them (ON DELETE CASCADE). */
  async deleteTopicsOf(documentId: number): Promise<void> {
    await this.tx.$executeRaw`DELETE FROM topics WHERE document_id = ${documentId}`;
  }

  /** Topics elsewhere whose related-topic links point at any of these topics. */
  async topicsLinkingTo(topicIds: readonly number[]): Promise<number[]> {
    if (topicIds.length === 0) return [];
    const ids = [...topicIds];
    const rows = await this.tx.$queryRaw<Array<{ from_id: number }>>`
      SELECT DISTINCT from_id FROM topic_links WHERE to_id = ANY(${ids}::int[]) AND NOT from_id = ANY(${ids}::int[])`;
    return rows.map((row) => row.from_id);
  }

  /** Entities for manifest kinds nobody listed: created once, marked provisional, left alone when they exist. */
  async ensureProvisionalEntities(entities: readonly OntologyEntity[]): Promise<void> {
    if (entities.length === 0) return;
    await this.tx.entity.createMany({
      data: entities.map((e) => ({
        slug: e.slug, type: e.type, name: e.name, aliases: e.aliases, description: e.description,
        attributes: e.attributes as Prisma.InputJsonObject, provisional: true,
      })),
      skipDuplicates: true,
    });
  }

  /** `count` new topic ids, ascending (taken from the table's sequence, so rows can name their parents in one INSERT). */
  async reserveTopicIds(count: number): Promise<number[]> {
    if (count === 0) return [];
    const rows = await this.tx.$queryRaw<Array<{ id: number }>>`
      SELECT nextval(pg_get_serial_sequence('topics', 'id'))::int AS id FROM generate_series(1, ${count}::int)`;
    return rows.map((row) => row.id).sort((a, b) => a - b);
  }

  async insertTopics(rows: readonly TopicRow[]): Promise<void> {
    await inStatements(rows, (json) => this.tx.$executeRaw`
      INSERT INTO topics (id, slug, document_id, parent_id, level, position, title, title_derived, body, lang, line_start, line_end)
      SELECT id, slug, "documentId", "parentId", level, position, title, "titleDerived", body, lang, "lineStart", "lineEnd"
      FROM json_to_recordset(${json}::json) AS r(id int, slug text, "documentId" int, "parentId" int, level int, position int,
        title text, "titleDerived" boolean, body text, lang text, "lineStart" int, "lineEnd" int)`);
  }

  /** Snippets; a manifest's entity is named by slug (none when no such entity exists). */
  async insertSnippets(rows: readonly SnippetRow[]): Promise<void> {
    await inStatements(rows, (json) => this.tx.$executeRaw`
      INSERT INTO snippets (topic_id, position, kind, language, content, line_start, line_end, api_version, manifest_kind, manifest_name,
        deprecated_replacement, deprecated_removed_in, deprecated_note, deprecated_in, manifest_status, manifest_findings, manifest_converted, manifest_entity_id)
      SELECT r."topicId", r.position, r.kind::"SnippetKind", r.language, r.content, r."lineStart", r."lineEnd", r."apiVersion", r."manifestKind", r."manifestName",
        r."deprecatedReplacement", r."deprecatedRemovedIn", r."deprecatedNote", r."deprecatedIn", r."manifestStatus"::"ManifestStatus", r."manifestFindings",
        r."manifestConverted", e.id
      FROM json_to_recordset(${json}::json) AS r("topicId" int, position int, kind text, language text, content text, "lineStart" int, "lineEnd" int,
        "apiVersion" text, "manifestKind" text, "manifestName" text, "deprecatedReplacement" text, "deprecatedRemovedIn" text, "deprecatedNote" text,
        "deprecatedIn" text, "manifestStatus" text, "manifestFindings" jsonb, "manifestConverted" text, "manifestEntity" text)
      LEFT JOIN entities e ON e.slug = r."manifestEntity"`);
  }

  async insertPassages(rows: readonly PassageRow[]): Promise<void> {
    await inStatements(rows, (json) => this.tx.$executeRaw`
      INSERT INTO passages (topic_id, position, kind, text, line_start, line_end, snippet_position, cuts)
      SELECT "topicId", position, kind::"PassageKind", text, "lineStart", "lineEnd", "snippetPosition", cuts
      FROM json_to_recordset(${json}::json) AS r("topicId" int, position int, kind text, text text, "lineStart" int, "lineEnd" int, "snippetPosition" int, cuts int[])`);
  }

  /** Mentions of entities named by slug (those of no stored entity are dropped); returns the slugs stored. */
  async insertMentions(rows: readonly MentionRow[]): Promise<string[]> {
    const slugs = new Set<string>();
    await inStatements(rows, async (json) => {
      const stored = await this.tx.$queryRaw<Array<{ slug: string }>>`
        WITH stored AS (
          INSERT INTO mentions (topic_id, entity_id, count)
          SELECT r."topicId", e.id, r.count FROM json_to_recordset(${json}::json) AS r("topicId" int, entity text, count int)
          JOIN entities e ON e.slug = r.entity
          RETURNING entity_id)
        SELECT DISTINCT e.slug FROM stored JOIN entities e ON e.id = stored.entity_id`;
      for (const row of stored) slugs.add(row.slug);
    });
    return [...slugs];
  }

  /** Every topic's title, parent, document title, passage texts in order, and the kinds of its manifests (entity slugs). */
  async topicTexts(): Promise<Array<{ id: number; parentId: number | null; documentTitle: string | null; title: string; passages: string[]; manifestEntities: string[] }>> {
    const rows = await this.tx.topic.findMany({
      select: {
        id: true,
        parentId: true,
        document: { select: { title: true } },
        title: true,
        passages: { orderBy: { position: 'asc' }, select: { text: true } },
        snippets: { where: { manifestEntityId: { not: null } }, select: { manifestEntity: { select: { slug: true } } } },
      },
    });
    return rows.map((row) => ({
      id: row.id,
      parentId: row.parentId,
      documentTitle: row.document.title,
      title: row.title,
      passages: row.passages.map((p) => p.text),
      manifestEntities: row.snippets.flatMap((s) => (s.manifestEntity ? [s.manifestEntity.slug] : [])),
    }));
  }

  async replaceAllMentions(rows: readonly MentionRow[]): Promise<void> {
    await this.tx.$executeRaw`DELETE FROM mentions`;
    await this.insertMentions(rows);
  }

  /**
   * Relation evidence of these topics (every topic's when `topicIds` is omitted): a
   * topic evidences each relation whose both ends it mentions.
   */
  async insertEvidence(topicIds?: readonly number[]): Promise<void> {
    if (topicIds?.length === 0) return;
    const only = topicIds ? Prisma.sql`WHERE a.topic_id = ANY(${[...topicIds]}::int[])` : Prisma.empty;
    await this.tx.$executeRaw`
      INSERT INTO relation_evidence (relation_id, topic_id)
      SELECT r.id, a.topic_id FROM mentions a
      JOIN relations r ON r.from_id = a.entity_id
      JOIN mentions b ON b.topic_id = a.topic_id AND b.entity_id = r.to_id
      ${only}
      ON CONFLICT DO NOTHING`;
  }

  async deleteAllEvidence(): Promise<void> {
    await this.tx.$executeRaw`DELETE FROM relation_evidence`;
  }

  // Related-topic links.

  /** How many topics mention anything, and how many mention each entity (one statement, one row). */
  async mentionStats(): Promise<{ topics: number; df: Map<string, number> }> {
    const [row] = await this.tx.$queryRaw<[{ topics: number; slugs: string[] | null; dfs: number[] | null }]>`
      SELECT (SELECT count(DISTINCT topic_id)::int FROM mentions) AS topics, array_agg(slug) AS slugs, array_agg(df) AS dfs
      FROM (SELECT e.slug, count(*)::int AS df FROM mentions m JOIN entities e ON e.id = m.entity_id GROUP BY e.slug) per_entity`;
    const slugs = row.slugs ?? [];
    return { topics: row.topics, df: new Map(slugs.map((slug, i) => [slug, row.dfs![i]!])) };
  }

  /**
   * Each topic's mentioned entity slugs: these topics, or every topic when `topicIds` is omitted.
   * One row per topic (slugs aggregated in SQL): late in a corpus an incremental link
   * update reads a thousand candidate topics, and rows cost more than array elements.
   */
  async entitySets(topicIds?: readonly number[]): Promise<Map<number, Set<string>>> {
    if (topicIds?.length === 0) return new Map();
    const only = topicIds ? Prisma.sql`WHERE m.topic_id = ANY(${[...topicIds]}::int[])` : Prisma.empty;
    const rows = await this.tx.$queryRaw<Array<{ topic_id: number; slugs: string[] }>>`
      SELECT m.topic_id, array_agg(e.slug) AS slugs FROM mentions m JOIN entities e ON e.id = m.entity_id
      ${only} GROUP BY m.topic_id ORDER BY m.topic_id`;
    return new Map(rows.map((row) => [row.topic_id, new Set(row.slugs)]));
  }

  /** Topics mentioning each of these entities, in id order as a full recompute sees them (one row per entity). */
  async topicsMentioning(entitySlugs: readonly string[]): Promise<Map<string, number[]>> {
    if (entitySlugs.length === 0) return new Map();
    const rows = await this.tx.$queryRaw<Array<{ slug: string; topic_ids: number[] }>>`
      SELECT e.slug, array_agg(m.topic_id ORDER BY m.topic_id) AS topic_ids FROM mentions m JOIN entities e ON e.id = m.entity_id
      WHERE e.slug = ANY(${[...entitySlugs]}::text[]) GROUP BY e.slug`;
    return new Map(rows.map((row) => [row.slug, row.topic_ids]));
  }

  /** Per topic: how many links it has and the lowest-ranked one's score. */
  async linkFloors(fromIds: readonly number[]): Promise<Map<number, { count: number; min: number }>> {
    if (fromIds.length === 0) return new Map();
    const rows = await this.tx.$queryRaw<Array<{ from_id: number; count: number; min: number }>>`
      SELECT from_id, count(*)::int AS count, min(score) AS min FROM topic_links
      WHERE from_id = ANY(${[...fromIds]}::int[]) GROUP BY from_id`;
    return new Map(rows.map((row) => [row.from_id, { count: row.count, min: row.min }]));
  }

  /** Replaces the links out of these topics (every topic's when `fromIds` is omitted). */
  async replaceLinks(links: readonly TopicLink<number>[], fromIds?: readonly number[]): Promise<void> {
    if (fromIds) {
      if (fromIds.length > 0) await this.tx.$executeRaw`DELETE FROM topic_links WHERE from_id = ANY(${[...fromIds]}::int[])`;
    } else {
      await this.tx.$executeRaw`DELETE FROM topic_links`;
    }
    await this.insertLinks(links);
  }

  async insertLinks(links: readonly TopicLink<number>[]): Promise<void> {
    await inStatements(links, (json) => this.tx.$executeRaw`
      INSERT INTO topic_links (from_id, to_id, score, via)
      SELECT "from", "to", score, via FROM json_to_recordset(${json}::json) AS r("from" int, "to" int, score float8, via text[])
      ON CONFLICT DO NOTHING`);
  }

  /** Drops each topic's links beyond its best `keep` (score, then target id). */
  async trimLinks(fromIds: readonly number[], keep: number): Promise<void> {
    if (fromIds.length === 0) return;
    await this.tx.$executeRaw`
      DELETE FROM topic_links t USING (
        SELECT from_id, to_id, row_number() OVER (PARTITION BY from_id ORDER BY score DESC, to_id) AS rank
        FROM topic_links WHERE from_id = ANY(${[...fromIds]}::int[])
      ) ranked
      WHERE t.from_id = ranked.from_id AND t.to_id = ranked.to_id AND ranked.rank > ${keep}`;
  }

  // The ontology.

  /**
   * Makes the stored entities exactly these (provisional ones stay while a manifest is
   * of their kind); returns how many rows changed. One upsert that leaves equal rows
   * alone, so an unchanged ontology writes nothing.
   */
  async syncEntities(entities: readonly OntologyEntity[]): Promise<number> {
    const slugs = entities.map((entity) => entity.slug);
    const deleted = await this.tx.$executeRaw`
      DELETE FROM entities e WHERE NOT e.slug = ANY(${slugs}::text[])
        AND (NOT e.provisional OR NOT EXISTS (SELECT 1 FROM snippets s WHERE s.manifest_entity_id = e.id))`;
    const json = JSON.stringify(entities.map(({ slug, type, name, aliases, description, attributes }) => ({ slug, type, name, aliases, description, attributes })));
    const upserted = await this.tx.$executeRaw`
      INSERT INTO entities (slug, type, name, aliases, description, attributes, provisional)
      SELECT slug, type::"EntityType", name, aliases, description, attributes, false
      FROM json_to_recordset(${json}::json) AS r(slug text, type text, name text, aliases text[], description text, attributes jsonb)
      ON CONFLICT (slug) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name, aliases = EXCLUDED.aliases,
        description = EXCLUDED.description, attributes = EXCLUDED.attributes, provisional = false
      WHERE (entities.type, entities.name, entities.aliases, entities.description, entities.attributes, entities.provisional)
        IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.name, EXCLUDED.aliases, EXCLUDED.description, EXCLUDED.attributes, false)`;
    return deleted + upserted;
  }

  /** Makes the stored relations exactly these (endpoints named by slug); returns how many rows changed. */
  async syncRelations(relations: readonly OntologyRelation[]): Promise<number> {
    const json = JSON.stringify(relations.map(({ from, type, to }) => ({ from, type, to })));
    const wanted = Prisma.sql`
      SELECT f.id AS from_id, r.type, t.id AS to_id FROM json_to_recordset(${json}::json) AS r("from" text, type text, "to" text)
      JOIN entities f ON f.slug = r."from" JOIN entities t ON t.slug = r."to"`;
    const deleted = await this.tx.$executeRaw`
      DELETE FROM relations x WHERE NOT EXISTS (
        SELECT 1 FROM (${wanted}) w WHERE w.from_id = x.from_id AND w.type = x.type AND w.to_id = x.to_id)`;
    const created = await this.tx.$executeRaw`INSERT INTO relations (from_id, type, to_id) ${wanted} ON CONFLICT DO NOTHING`;
    return deleted + created;
  }
}

/** Rows per statement: one JSON parameter each, kept to a few MB so no single statement runs long. */
export const ROWS_PER_STATEMENT = 5_000;

/**
 * Writes rows as JSON, one statement per ROWS_PER_STATEMENT rows, one statement at
 * a time (pg queues statements sent together on a connection, and its read timeout
 * counts the time one waits in that queue).
 */
export async function inStatements<T>(rows: readonly T[], write: (json: string) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) await write(JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT)));
}
