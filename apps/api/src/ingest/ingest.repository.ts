import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import type { Ontology } from '../../../../seed/ontology/types.js';
import { relateTopics, relationEvidence } from '../../../../seed/parser/linker.js';
import type { GraphTopic } from '../../../../seed/parser/topic-graph.js';
import type { ContentChangeInput } from '../content-changes/content-change.types.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import { DatabaseService } from '../database/database.service.js';

type Tx = Prisma.TransactionClient;

export interface DocumentRow {
  name: string;
  slug: string;
  format: string;
  contentHash: string;
  content: string;
  lineCount: number;
}

export interface IngestProgress {
  phase: string;
  done: number;
  total: number;
}

// Ingesting the 1000x benchmark corpus takes minutes; the default is 5 s.
const TRANSACTION_OPTIONS = { timeout: 30 * 60_000, maxWait: 30_000 };
/** Related topics kept per topic: enough for any page, bounded at scale. */
const LINKS_PER_TOPIC = 12;

/** The only writer of the topic graph. Every public method is one transaction. */
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
   * One transaction that ends by recording `change` in the content log, so other processes follow it;
   * this process's read caches move past it once it commits (a rollback changed nothing).
   */
  private async write<T>(change: ContentChangeInput, work: (tx: Tx) => Promise<T>): Promise<T> {
    let version = 0;
    const result = await this.prisma.$transaction(async (tx) => {
      const value = await work(tx);
      version = await this.contentChanges.record(tx, change);
      return value;
    }, TRANSACTION_OPTIONS);
    this.contentChanges.committed(version);
    return result;
  }

  countDocuments(): Promise<number> {
    return this.prisma.document.count();
  }

  countTopics(documentId: number): Promise<number> {
    return this.prisma.topic.count({ where: { documentId } });
  }

  findDocument(name: string) {
    return this.prisma.document.findUnique({ where: { name }, select: { id: true, slug: true, contentHash: true } });
  }

  /** Slugs of topics that belong to documents other than `name`. */
  async slugsOfOtherDocuments(name: string): Promise<Set<string>> {
    const rows = await this.prisma.topic.findMany({ where: { document: { name: { not: name } } }, select: { slug: true } });
    return new Set(rows.map((row) => row.slug));
  }

  /** Makes entities and relations match the ontology files: upsert by slug, delete what is gone. */
  syncOntology(ontology: Ontology): Promise<{ entities: number; relations: number }> {
    return this.write({ kind: 'ontology' }, async (tx) => {
      const slugs = ontology.entities.map((entity) => entity.slug);
      await tx.entity.deleteMany({ where: { slug: { notIn: slugs } } });
      for (const entity of ontology.entities) {
        const data = {
          type: entity.type,
          name: entity.name,
          aliases: entity.aliases,
          description: entity.description,
          attributes: entity.attributes as Prisma.InputJsonObject,
        };
        await tx.entity.upsert({ where: { slug: entity.slug }, create: { slug: entity.slug, ...data }, update: data });
      }
      const ids = await entityIds(tx);
      const wanted = ontology.relations.map((r) => ({ fromId: ids.get(r.from)!, type: r.type, toId: ids.get(r.to)! }));
      const key = (r: { fromId: number; type: string; toId: number }) => `${r.fromId} ${r.type} ${r.toId}`;
      const wantedKeys = new Set(wanted.map(key));
      const existing = await tx.relation.findMany({ select: { id: true, fromId: true, type: true, toId: true } });
      const stale = existing.filter((r) => !wantedKeys.has(key(r))).map((r) => r.id);
      if (stale.length) await tx.relation.deleteMany({ where: { id: { in: stale } } });
      await tx.relation.createMany({ data: wanted, skipDuplicates: true });
      await recomputeDerived(tx, ontology);
      return { entities: ontology.entities.length, relations: wanted.length };
    });
  }

  /** Related topics and relation evidence from every stored mention, in one transaction. */
  recomputeDerived(ontology: Ontology): Promise<void> {
    return this.write({ kind: 'derived' }, (tx) => recomputeDerived(tx, ontology));
  }

  /**
   * Replaces a document and its topics in one transaction, then (unless `derived`
   * is false, for a caller that recomputes once after many documents) recomputes
   * what depends on every document (related topics, relation evidence).
   * A failure anywhere rolls the whole document back to its previous state.
   */
  replaceDocument(
    document: DocumentRow,
    topics: GraphTopic[],
    ontology: Ontology,
    onProgress: (progress: IngestProgress) => void = () => undefined,
    derived = true,
  ): Promise<{ documentId: number }> {
    return this.write({ kind: 'document', documentSlug: document.slug }, async (tx) => {
      const saved = await tx.document.upsert({
        where: { name: document.name },
        create: document,
        update: { ...document, ingestedAt: new Date() },
        select: { id: true },
      });
      await tx.topic.deleteMany({ where: { documentId: saved.id } });
      const ids = await entityIds(tx);
      const topicIds = new Map<string, number>();
      const total = topics.length;
      for (const level of [1, 2] as const) {
        const rows = topics.filter((topic) => topic.level === level);
        const created = await tx.topic.createManyAndReturn({
          data: rows.map((topic) => ({
            slug: topic.slug,
            documentId: saved.id,
            parentId: topic.parentSlug ? topicIds.get(topic.parentSlug)! : null,
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
        for (const row of created) topicIds.set(row.slug, row.id);
        onProgress({ phase: 'topics', done: topicIds.size, total });
      }
      await insertInChunks(
        topics.flatMap((topic) =>
          topic.snippets.map((snippet, position) => ({
            topicId: topicIds.get(topic.slug)!,
            position,
            kind: snippet.kind,
            content: snippet.content,
            lineStart: snippet.lineStart,
            lineEnd: snippet.lineEnd,
            apiVersion: snippet.manifest?.apiVersion ?? null,
            manifestKind: snippet.manifest?.kind ?? null,
            manifestName: snippet.manifest?.name ?? null,
            deprecatedReplacement: snippet.manifest?.deprecated?.replacement ?? null,
            deprecatedRemovedIn: snippet.manifest?.deprecated?.removedIn ?? null,
            deprecatedNote: snippet.manifest?.deprecated?.note ?? null,
          })),
        ),
        (data) => tx.snippet.createMany({ data }),
      );
      onProgress({ phase: 'snippets', done: total, total });
      await insertInChunks(
        topics.flatMap((topic) =>
          topic.mentions
            .filter((mention) => ids.has(mention.entitySlug))
            .map((mention) => ({ topicId: topicIds.get(topic.slug)!, entityId: ids.get(mention.entitySlug)!, count: mention.count })),
        ),
        (data) => tx.mention.createMany({ data }),
      );
      onProgress({ phase: 'mentions', done: total, total });
      if (derived) {
        await recomputeDerived(tx, ontology);
        onProgress({ phase: 'links', done: total, total });
      }
      return { documentId: saved.id };
    });
  }
}

async function entityIds(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.entity.findMany({ select: { id: true, slug: true } });
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** Related topics and relation evidence depend on every document's mentions, so they are rebuilt together. */
async function recomputeDerived(tx: Tx, ontology: Ontology): Promise<void> {
  const mentions = await tx.mention.findMany({ select: { topicId: true, entity: { select: { slug: true } } } });
  const byTopic = new Map<string, string[]>();
  for (const mention of mentions) {
    const key = String(mention.topicId);
    const slugs = byTopic.get(key) ?? [];
    slugs.push(mention.entity.slug);
    byTopic.set(key, slugs);
  }
  const topicMentions = [...byTopic].map(([topicKey, entitySlugs]) => ({ topicKey, entitySlugs }));

  await tx.topicLink.deleteMany({});
  const links = relateTopics(topicMentions, { limitPerTopic: LINKS_PER_TOPIC });
  await insertInChunks(
    links.map((link) => ({ fromId: Number(link.from), toId: Number(link.to), score: link.score, via: link.via })),
    (data) => tx.topicLink.createMany({ data }),
  );

  await tx.relationEvidence.deleteMany({});
  const relations = await tx.relation.findMany({
    select: { id: true, type: true, from: { select: { slug: true } }, to: { select: { slug: true } } },
  });
  const relationId = new Map(relations.map((r) => [`${r.from.slug} ${r.type} ${r.to.slug}`, r.id]));
  const evidence = relationEvidence(ontology.relations, topicMentions);
  await insertInChunks(
    evidence.flatMap((item) => {
      const id = relationId.get(`${item.from} ${item.type} ${item.to}`);
      return id === undefined ? [] : item.evidence.map((topicKey) => ({ relationId: id, topicId: Number(topicKey) }));
    }),
    (data) => tx.relationEvidence.createMany({ data }),
  );
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
