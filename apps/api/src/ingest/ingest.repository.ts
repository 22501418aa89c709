import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
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
    return (await this.tx.topic.findMany({ where: { documentId }, select: { id: true } })).map((t) => t.id);
  }

  /** Those of these topics that still exist. */
  async existingTopics(topicIds: readonly number[]): Promise<number[]> {
    if (topicIds.length === 0) return [];
    return (await this.tx.topic.findMany({ where: { id: { in: [...topicIds] } }, select: { id: true } })).map((t) => t.id);
  }

  /** Removes a document's topics; snippets, mentions, evidence and links go with them (ON DELETE CASCADE). */
  async deleteTopicsOf(documentId: number): Promise<void> {
    await this.tx.topic.deleteMany({ where: { documentId } });
  }

  /** Topics elsewhere whose related-topic links point at any of these topics. */
  async topicsLinkingTo(topicIds: readonly number[]): Promise<number[]> {
    if (topicIds.length === 0) return [];
    const rows = await this.tx.topicLink.findMany({
      where: { toId: { in: [...topicIds] }, fromId: { notIn: [...topicIds] } },
      select: { fromId: true },
      distinct: ['fromId'],
    });
    return rows.map((row) => row.fromId);
  }

  /** Entity slugs mentioned by any of these topics. */
  async entitiesMentionedBy(topicIds: readonly number[]): Promise<string[]> {
    if (topicIds.length === 0) return [];
    const rows = await this.tx.entity.findMany({ where: { mentions: { some: { topicId: { in: [...topicIds] } } } }, select: { slug: true } });
    return rows.map((row) => row.slug);
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

  async entityIds(): Promise<Map<string, number>> {
    const rows = await this.tx.entity.findMany({ select: { id: true, slug: true } });
    return new Map(rows.map((row) => [row.slug, row.id]));
  }

  /** Inserts topics parents first; returns their ids by slug. */
  async insertTopics(documentId: number, topics: readonly GraphTopic[], onLevel: (done: number) => void): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const levels = [...new Set(topics.map((t) => t.level))].sort((a, b) => a - b);
    for (const level of levels) {
      const created = await this.tx.topic.createManyAndReturn({
        data: topics
          .filter((topic) => topic.level === level)
          .map((topic) => ({
            slug: topic.slug,
            documentId,
            parentId: topic.parentSlug ? ids.get(topic.parentSlug)! : null,
            level: topic.level,
            position: topic.position,
            title: topic.title,
            titleDerived: topic.titleDerived,
            body: topic.body,
            lang: topic.lang,
            lineStart: topic.lineStart,
            lineEnd: topic.lineEnd,
          })),
        select: { id: true, slug: true },
      });
      for (const row of created) ids.set(row.slug, row.id);
      onLevel(ids.size);
    }
    return ids;
  }

  insertSnippets(rows: Prisma.SnippetCreateManyInput[]): Promise<void> {
    return insertInChunks(rows, (data) => this.tx.snippet.createMany({ data }));
  }

  insertPassages(rows: Prisma.PassageCreateManyInput[]): Promise<void> {
    return insertInChunks(rows, (data) => this.tx.passage.createMany({ data }));
  }

  insertMentions(rows: Prisma.MentionCreateManyInput[]): Promise<void> {
    return insertInChunks(rows, (data) => this.tx.mention.createMany({ data }));
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

  async replaceAllMentions(rows: Prisma.MentionCreateManyInput[]): Promise<void> {
    await this.tx.mention.deleteMany({});
    await this.insertMentions(rows);
  }

  insertEvidence(rows: Prisma.RelationEvidenceCreateManyInput[]): Promise<void> {
    return insertInChunks(rows, (data) => this.tx.relationEvidence.createMany({ data, skipDuplicates: true }));
  }

  async deleteAllEvidence(): Promise<void> {
    await this.tx.relationEvidence.deleteMany({});
  }

  /** Relations with their endpoints' slugs, to match the ontology's. */
  async relations(): Promise<Array<{ id: number; from: string; type: string; to: string }>> {
    const rows = await this.tx.relation.findMany({
      select: { id: true, type: true, from: { select: { slug: true } }, to: { select: { slug: true } } },
    });
    return rows.map((r) => ({ id: r.id, from: r.from.slug, type: r.type, to: r.to.slug }));
  }

  // Related-topic links.

  /** How many topics mention anything, and how many mention each entity. */
  async mentionStats(): Promise<{ topics: number; df: Map<string, number> }> {
    const [{ topics }] = await this.tx.$queryRaw<[{ topics: number }]>`SELECT count(DISTINCT topic_id)::int AS topics FROM mentions`;
    const rows = await this.tx.$queryRaw<Array<{ slug: string; df: number }>>`
      SELECT e.slug, count(*)::int AS df FROM mentions m JOIN entities e ON e.id = m.entity_id GROUP BY e.slug`;
    return { topics, df: new Map(rows.map((row) => [row.slug, row.df])) };
  }

  /** Each topic's mentioned entity slugs: these topics, or every topic when `topicIds` is omitted. */
  async entitySets(topicIds?: readonly number[]): Promise<Map<number, Set<string>>> {
    if (topicIds?.length === 0) return new Map();
    const rows = topicIds
      ? await this.tx.$queryRaw<Array<{ topic_id: number; slug: string }>>`
          SELECT m.topic_id, e.slug FROM mentions m JOIN entities e ON e.id = m.entity_id
          WHERE m.topic_id = ANY(${[...topicIds]}::int[])`
      : await this.tx.$queryRaw<Array<{ topic_id: number; slug: string }>>`
          SELECT m.topic_id, e.slug FROM mentions m JOIN entities e ON e.id = m.entity_id ORDER BY m.topic_id`;
    const sets = new Map<number, Set<string>>();
    for (const row of rows) {
      const set = sets.get(row.topic_id);
      if (set) set.add(row.slug);
      else sets.set(row.topic_id, new Set([row.slug]));
    }
    return sets;
  }

  /** Topics mentioning each of these entities. */
  async topicsMentioning(entitySlugs: readonly string[]): Promise<Map<string, number[]>> {
    if (entitySlugs.length === 0) return new Map();
    const rows = await this.tx.$queryRaw<Array<{ topic_id: number; slug: string }>>`
      SELECT m.topic_id, e.slug FROM mentions m JOIN entities e ON e.id = m.entity_id
      WHERE e.slug = ANY(${[...entitySlugs]}::text[])`;
    const postings = new Map<string, number[]>();
    for (const row of rows) {
      const list = postings.get(row.slug);
      if (list) list.push(row.topic_id);
      else postings.set(row.slug, [row.topic_id]);
    }
    return postings;
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
      if (fromIds.length > 0) await this.tx.topicLink.deleteMany({ where: { fromId: { in: [...fromIds] } } });
    } else {
      await this.tx.topicLink.deleteMany({});
    }
    await this.insertLinks(links);
  }

  insertLinks(links: readonly TopicLink<number>[]): Promise<void> {
    return insertInChunks(
      links.map((link) => ({ fromId: link.from, toId: link.to, score: link.score, via: link.via })),
      (data) => this.tx.topicLink.createMany({ data, skipDuplicates: true }),
    );
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

  /** Makes the stored entities exactly these; returns how many rows changed. */
  async syncEntities(entities: readonly OntologyEntity[]): Promise<number> {
    const stored = new Map(
      (await this.tx.entity.findMany({ where: { provisional: false }, select: { slug: true, type: true, name: true, aliases: true, description: true, attributes: true } })).map(
        (row) => [row.slug, JSON.stringify([row.type, row.name, row.aliases, row.description, row.attributes])],
      ),
    );
    // Provisional entities are not in the files: they stay while a manifest is of their kind.
    const { count: deleted } = await this.tx.entity.deleteMany({
      where: { slug: { notIn: entities.map((entity) => entity.slug) }, OR: [{ provisional: false }, { manifests: { none: {} } }] },
    });
    let changed = deleted;
    for (const entity of entities) {
      const data = {
        type: entity.type,
        name: entity.name,
        aliases: entity.aliases,
        description: entity.description,
        attributes: entity.attributes as Prisma.InputJsonObject,
      };
      // Compared as stored (jsonb orders keys its own way), so an unchanged ontology writes nothing.
      if (stored.get(entity.slug) === JSON.stringify([data.type, data.name, data.aliases, data.description, sortKeys(data.attributes)])) continue;
      await this.tx.entity.upsert({ where: { slug: entity.slug }, create: { slug: entity.slug, ...data }, update: data });
      changed++;
    }
    return changed;
  }

  /** Makes the stored relations exactly these; returns how many rows changed. */
  async syncRelations(relations: readonly OntologyRelation[]): Promise<number> {
    const ids = await this.entityIds();
    const wanted = relations.map((r) => ({ fromId: ids.get(r.from)!, type: r.type, toId: ids.get(r.to)! }));
    const key = (r: { fromId: number; type: string; toId: number }) => `${r.fromId} ${r.type} ${r.toId}`;
    const wantedKeys = new Set(wanted.map(key));
    const existing = await this.tx.relation.findMany({ select: { id: true, fromId: true, type: true, toId: true } });
    const stale = existing.filter((r) => !wantedKeys.has(key(r))).map((r) => r.id);
    if (stale.length) await this.tx.relation.deleteMany({ where: { id: { in: stale } } });
    const { count: created } = await this.tx.relation.createMany({ data: wanted, skipDuplicates: true });
    return stale.length + created;
  }
}

/** jsonb gives objects back with keys ordered by length, then bytes; so do we, to compare. */
function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, value[key]]));
}

/** Bind parameters per INSERT, under PostgreSQL's limit of 65535 and Prisma's own batch size. */
const PARAMETERS_PER_INSERT = 30_000;

/**
 * Inserts rows in statements of at most PARAMETERS_PER_INSERT parameters, one
 * after another. Left to itself, Prisma splits a large createMany into batches
 * and submits them all at once on the transaction's connection; pg queues them
 * there, and its 20 s read timeout counts the time a batch waits in that queue,
 * so ingesting the 1000× benchmark corpus on PostgreSQL failed with "Query read timeout".
 */
export async function insertInChunks<T extends object>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}
