import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { parseDocument } from '../../../../seed/parser/parse-document.js';
import { entitiesOf } from '../../../../seed/parser/related-topics.js';
import { cutSectionPassages } from '../../../../seed/parser/passages.js';
import { buildTopicGraph, mentionsInContext, type GraphTopic } from '../../../../seed/parser/topic-graph.js';
import type { ParsedDocument, ParsedSnippet } from '../../../../seed/parser/types.js';
import { LOGGER } from '../common/logger.js';
import { BadParameterError, NotFoundError } from '../common/problems.js';
import { projectRoot } from '../common/project-root.js';
import { DerivedGraphService } from './derived-graph.service.js';
import { documentSlugFor, firstFreeSlug, normaliseDocumentName } from './document-name.js';
import { IngestEvents } from './ingest-events.js';
import { IngestRepository, type IngestRows, type PassageRow, type SnippetRow } from './ingest.repository.js';
import type { DeleteReport, FolderIngestReport, IngestProgress, IngestReport } from './ingest.types.js';
import { checkDocumentManifests, type ManifestCheck } from './manifest-checks.js';
import { MentionStatsCache, mentionChange, type MentionChange } from './mention-stats.cache.js';
import { listNotesFolder, readNoteFile } from './notes-folder.js';
import { TableStatistics } from './table-statistics.js';
import { OntologyService } from './ontology.service.js';

/** Largest notes document accepted (characters). */
export const MAX_DOCUMENT_CHARS = 2_000_000;
export const MAX_DOCUMENT_NAME = 300;
/** Markdown by name; anything else (.txt, no extension) is told apart by its content. */
const MARKDOWN_NAME = /\.(?:md|markdown)$/i;
/** Tries of a write that lost a race for a slug to another writer (a unique violation). */
const WRITE_ATTEMPTS = 4;

export interface FolderOptions {
  /** Remove stored documents whose file is no longer in the folder. */
  prune?: boolean;
  /** Called before each file, and with each file's progress. */
  onFile?: (file: { name: string; index: number; total: number }) => void;
  onProgress?: (name: string, progress: IngestProgress) => void;
}

interface WriteOptions {
  /** Links brought up to date in the document's transaction, or later by the caller (a folder, once). */
  links: 'now' | 'deferred';
  /** The folder the document comes from (absolute), or null over HTTP. */
  sourceFolder: string | null;
}

interface WriteOutcome {
  report: IngestReport;
  /** Topics whose links are stale: the new ones and those that pointed at the old ones. */
  staleLinks: { targets: number[]; fresh: number[] };
}

/**
 * Turns notes into the topic graph: parse, link to the ontology, store one
 * document per transaction, then bring what depends on it (related topics,
 * relation evidence, the search index) up to date for that document only.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly repository: IngestRepository,
    private readonly ontology: OntologyService,
    private readonly derived: DerivedGraphService,
    private readonly events: IngestEvents,
    private readonly stats: MentionStatsCache,
    private readonly tableStatistics: TableStatistics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Makes entities and relations match the ontology files. When that changed
   * anything, every stored topic is linked again (new aliases find new
   * mentions, removed ones lose theirs) and what derives from mentions (links,
   * evidence) is recomputed: an upgraded ontology applies to notes already stored.
   */
  async syncOntology(): Promise<{ entities: number; relations: number; changed: number; relinked: number }> {
    const { entities, relations } = this.ontology.ontology;
    const synced = await this.repository.transaction(async (rows) => {
      const changed = (await rows.syncEntities(entities)) + (await rows.syncRelations(relations));
      let relinked = 0;
      if (changed > 0) {
        relinked = await this.relinkAll(rows);
        await this.derived.recomputeAll(rows);
        rows.announce({ kind: 'ontology' });
      }
      return { entities: entities.length, relations: relations.length, changed, relinked };
    });
    // Mentions found again: the cached entity frequencies are read whole at their next use.
    if (synced.relinked > 0) this.stats.invalidate();
    return synced;
  }

  /** Every topic's mentions found again in its stored text (title and passages), with its manifests' kinds. */
  private async relinkAll(rows: IngestRows): Promise<number> {
    const topics = await rows.topicTexts();
    if (topics.length === 0) return 0;
    const byId = new Map(topics.map((topic) => [topic.id, topic]));
    const headingsOf = (topic: (typeof topics)[number]): string[] => {
      const titles: string[] = [];
      for (let up = byId.get(topic.parentId ?? -1); up; up = byId.get(up.parentId ?? -1)) titles.unshift(up.title);
      return topic.documentTitle ? [topic.documentTitle, ...titles] : titles;
    };
    const find = (text: string) => this.ontology.findMentions(text);
    const mentions = topics.flatMap((topic) => {
      const found = new Map(mentionsInContext(find, `${topic.title}\n${topic.passages.join('\n')}`, headingsOf(topic)).map((m) => [m.entitySlug, m.count]));
      for (const slug of topic.manifestEntities) if (!found.has(slug)) found.set(slug, 1);
      return [...found].map(([entity, count]) => ({ topicId: topic.id, entity, count }));
    });
    await rows.replaceAllMentions(mentions);
    this.logger.info({ topics: topics.length, mentions: mentions.length }, 'stored topics linked again to the changed ontology');
    return topics.length;
  }

  /** Links and evidence from scratch (POST /admin/reindex): undoes the drift of incremental updates. */
  async recomputeDerived(): Promise<void> {
    await this.repository.transaction(async (rows) => {
      await this.derived.recomputeAll(rows);
      rows.announce({ kind: 'derived' });
    });
    this.stats.invalidate();
    await this.tableStatistics.analyzeNow();
  }

  /** One document; the same name again replaces it. */
  async ingest(name: string, content: string, onProgress?: (progress: IngestProgress) => void): Promise<IngestReport> {
    return (await this.write(name, content, { links: 'now', sourceFolder: null }, onProgress)).report;
  }

  async deleteDocument(slug: string): Promise<DeleteReport> {
    const found = await this.repository.findDocumentBySlug(slug);
    if (!found) throw new NotFoundError('document', slug);
    const removed = await this.repository.transaction(async (rows) => {
      await rows.lockDocumentName(found.name);
      const document = await rows.findDocument(found.name);
      if (!document) return null; // deleted meanwhile
      const topicIds = await rows.topicIdsOf(document.id);
      const oldSets = await rows.entitySets(topicIds);
      const change = mentionChange(oldSets.values(), []);
      const pointing = await rows.topicsLinkingTo(topicIds);
      await rows.deleteDocument(document.id);
      await this.derived.updateLinks(rows, pointing, [], change);
      rows.announce({ kind: 'document', documentSlug: document.slug });
      const entities = entitiesOf(oldSets.values());
      return { report: { document: { name: document.name, slug: document.slug }, topics: topicIds.length }, entities, change };
    });
    if (!removed) throw new NotFoundError('document', slug);
    this.stats.committedChange(removed.change);
    this.tableStatistics.documentWritten();
    this.logger.info(removed.report, 'document deleted');
    await this.events.documentChanged({ kind: 'deleted', document: removed.report.document, entities: removed.entities });
    return removed.report;
  }

  /**
   * Every notes file under a folder (recursively), each in a transaction of its
   * own; a file that fails is reported and the others go on. Links are brought
   * up to date once at the end rather than per file: a first ingest of a large
   * folder would otherwise rescore the growing corpus with every file.
   */
  async ingestFolder(dir: string, options: FolderOptions = {}): Promise<FolderIngestReport> {
    const folder = isAbsolute(dir) ? dir : join(projectRoot(), dir);
    const { files, skipped } = await listNotesFolder(folder);
    const source = await realpath(folder);
    const report: FolderIngestReport = { folder, added: [], replaced: [], unchanged: [], skipped: [...skipped], failed: [], pruned: [] };
    const targets = new Set<number>();
    const fresh = new Set<number>();
    try {
      for (const [index, file] of files.entries()) {
        options.onFile?.({ name: file.name, index, total: files.length });
        const text = await readNoteFile(file.path, MAX_DOCUMENT_CHARS);
        if ('skipped' in text) {
          report.skipped.push({ name: file.name, reason: text.skipped });
          continue;
        }
        try {
          const outcome = await this.write(file.name, text.content, { links: 'deferred', sourceFolder: source }, (p) => options.onProgress?.(file.name, p));
          report[outcome.report.status].push(file.name);
          outcome.staleLinks.targets.forEach((id) => targets.add(id));
          outcome.staleLinks.fresh.forEach((id) => fresh.add(id));
        } catch (error) {
          report.failed.push({ name: file.name, error: (error as Error).message });
          this.logger.error({ err: error, document: file.name }, 'ingest failed');
        }
      }
      if (options.prune) {
        const present = new Set(files.map((file) => file.name));
        for (const document of await this.repository.documentsFrom(source)) {
          if (present.has(document.name)) continue;
          await this.deleteDocument(document.slug);
          report.pruned.push(document.name);
        }
      }
    } finally {
      await this.refreshLinks([...targets], [...fresh]);
      if (report.added.length + report.replaced.length + report.pruned.length > 0) await this.tableStatistics.analyzeNow();
    }
    this.logger.info(
      { folder, added: report.added.length, replaced: report.replaced.length, unchanged: report.unchanged.length, skipped: report.skipped.length, failed: report.failed.length, pruned: report.pruned.length },
      'folder ingested',
    );
    return report;
  }

  /** Start-up: an empty knowledge base gets the seed notes. */
  async seedIfEmpty(dir: string): Promise<FolderIngestReport | null> {
    if ((await this.repository.countDocuments()) > 0) return null;
    return this.ingestFolder(dir);
  }

  /**
   * Links of topics written with deferred links: one incremental pass when they
   * are a small part of the corpus, else a full recompute (cheaper than
   * rescoring most topics' candidates one by one).
   */
  private async refreshLinks(targets: number[], fresh: number[]): Promise<void> {
    if (targets.length === 0) return;
    await this.repository.transaction(async (rows) => {
      const stats = await this.stats.read(rows);
      if (targets.length > stats.topics / 4) await this.derived.recomputeAll(rows);
      else await this.derived.updateLinks(rows, await rows.existingTopics(targets), await rows.existingTopics(fresh));
      rows.announce({ kind: 'derived' });
    });
  }

  private async write(name: string, content: string, options: WriteOptions, onProgress?: (progress: IngestProgress) => void): Promise<WriteOutcome> {
    const cleanName = normaliseDocumentName(name);
    if (!cleanName || cleanName.length > MAX_DOCUMENT_NAME) throw new BadParameterError('name', `must be 1 to ${MAX_DOCUMENT_NAME} characters`);
    if (!content.trim()) throw new BadParameterError('content', 'is empty');
    if (content.length > MAX_DOCUMENT_CHARS) throw new BadParameterError('content', `exceeds ${MAX_DOCUMENT_CHARS} characters`);

    const contentHash = createHash('sha256').update(content).digest('hex');
    const existing = await this.repository.findDocumentByName(cleanName);
    if (existing?.contentHash === contentHash) {
      if (options.sourceFolder !== null && existing.sourceFolder !== options.sourceFolder) await this.repository.setSourceFolder(existing.id, options.sourceFolder);
      return this.unchanged(existing);
    }
    const parsed = parseDocument(cleanName, content, { format: MARKDOWN_NAME.test(cleanName) ? 'markdown' : undefined });
    const manifests = await checkDocumentManifests(parsed, this.ontology.ontology);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store(cleanName, content, contentHash, parsed, manifests, options, onProgress);
      } catch (error) {
        // Another writer took a slug between our read and our insert: read again and retry.
        if (!isUniqueViolation(error) || attempt === WRITE_ATTEMPTS) throw error;
        this.logger.warn({ document: cleanName, attempt }, 'ingest lost a slug race; retrying');
      }
    }
  }

  private async unchanged(document: { id: number; name: string; slug: string }): Promise<WriteOutcome> {
    this.logger.info({ document: document.name }, 'ingest skipped: content unchanged');
    return {
      report: { document: { name: document.name, slug: document.slug }, status: 'unchanged', unchanged: true, topics: await this.repository.countTopics(document.id), snippets: 0, mentions: 0 },
      staleLinks: { targets: [], fresh: [] },
    };
  }

  private async store(
    name: string,
    content: string,
    contentHash: string,
    parsed: ParsedDocument,
    manifests: Map<ParsedSnippet, ManifestCheck>,
    { links, sourceFolder }: WriteOptions,
    onProgress: ((progress: IngestProgress) => void) | undefined,
  ): Promise<WriteOutcome> {
    const before = await this.repository.findDocumentByName(name);
    const documentSlug = before?.slug ?? firstFreeSlug(documentSlugFor(name), await this.repository.documentSlugsLike(documentSlugFor(name), name));
    const topics = withManifestMentions(await this.claimTopicSlugs(parsed, name, documentSlug), manifests);
    const started = Date.now();
    const progress = (phase: string, done: number) => {
      const p = { phase, done, total: topics.length };
      this.logger.debug({ document: name, ...p }, 'ingest progress');
      onProgress?.(p);
    };

    const written = await this.repository.transaction(async (rows): Promise<(WriteOutcome & { entities: string[]; change: MentionChange }) | { same: true }> => {
      await rows.lockDocumentName(name);
      const existing = await rows.findDocument(name);
      if (existing?.contentHash === contentHash) return { same: true }; // a concurrent writer stored it first
      const oldTopics = existing ? await rows.topicIdsOf(existing.id) : [];
      const oldSets = await rows.entitySets(oldTopics);
      const pointing = await rows.topicsLinkingTo(oldTopics);
      if (existing) await rows.deleteTopicsOf(existing.id);
      const documentId = await rows.saveDocument(
        { name, slug: existing?.slug ?? documentSlug, format: parsed.format, title: parsed.metadata.title, metadata: metadataJson(parsed), sourceFolder, contentHash, content, lineCount: parsed.lineCount },
        existing?.id ?? null,
      );
      const topicIds = await this.insertTopics(rows, documentId, topics);
      progress('topics', topics.length);
      await rows.ensureProvisionalEntities([...manifests.values()].flatMap((check) => (check.provisional ? [check.provisional] : [])));
      const idOf = (topic: GraphTopic) => topicIds.get(topic.slug)!;
      await rows.insertSnippets(topics.flatMap((topic) => topic.snippets.map((snippet, position) => snippetRow(idOf(topic), position, snippet, manifests.get(snippet)))));
      await rows.insertPassages(topics.flatMap((topic) => passageRows(idOf(topic), topic)));
      progress('snippets', topics.length);
      const newEntities = await rows.insertMentions(topics.flatMap((topic) => topic.mentions.map((m) => ({ topicId: idOf(topic), entity: m.entitySlug, count: m.count }))));
      progress('mentions', topics.length);
      // A mention of an entity that does not exist is not stored (insertMentions joins on slug).
      const stored = new Set(newEntities);
      const change = mentionChange(oldSets.values(), topics.map((topic) => new Set(topic.mentions.map((m) => m.entitySlug).filter((slug) => stored.has(slug)))));
      await this.derived.addEvidence(rows, [...topicIds.values()]);
      const fresh = [...topicIds.values()];
      const targets = [...fresh, ...pointing];
      if (links === 'now') {
        await this.derived.updateLinks(rows, targets, fresh, change);
        progress('links', topics.length);
      }
      rows.announce({ kind: 'document', documentSlug: existing?.slug ?? documentSlug });
      return {
        report: {
          document: { name, slug: existing?.slug ?? documentSlug },
          status: existing ? 'replaced' : 'added',
          unchanged: false,
          topics: topics.length,
          snippets: topics.reduce((sum, topic) => sum + topic.snippets.length, 0),
          mentions: topics.reduce((sum, topic) => sum + topic.mentions.length, 0),
        },
        staleLinks: links === 'now' ? { targets: [], fresh: [] } : { targets, fresh },
        entities: entitiesOf([...oldSets.values(), new Set(newEntities)]),
        change,
      };
    });
    if ('same' in written) return this.unchanged((await this.repository.findDocumentByName(name))!);
    this.stats.committedChange(written.change);
    this.tableStatistics.documentWritten();
    this.logger.info({ ...written.report, ms: Date.now() - started }, 'document ingested');
    await this.events.documentChanged({ kind: 'upserted', document: written.report.document, entities: written.entities });
    return { report: written.report, staleLinks: written.staleLinks };
  }

  /** Topics in one statement, ids taken beforehand in level order (parents before children, as before). */
  private async insertTopics(rows: IngestRows, documentId: number, topics: readonly GraphTopic[]): Promise<Map<string, number>> {
    const ordered = [...topics].sort((a, b) => a.level - b.level);
    const reserved = await rows.reserveTopicIds(ordered.length);
    const ids = new Map(ordered.map((topic, i) => [topic.slug, reserved[i]!]));
    await rows.insertTopics(
      ordered.map((topic) => ({
        id: ids.get(topic.slug)!,
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
    );
    return ids;
  }

  /**
   * Topic slugs come from titles; one another document owns takes this
   * document's slug as a suffix. Only the slugs this document wants are read back,
   * until none of them clashes (a clash can move a slug onto another taken one).
   */
  private async claimTopicSlugs(parsed: ParsedDocument, name: string, documentSlug: string): Promise<GraphTopic[]> {
    const taken = new Set<string>();
    const mentions = new Map<string, ReturnType<OntologyService['findMentions']>>();
    const findMentions = (text: string) => {
      let found = mentions.get(text);
      if (!found) mentions.set(text, (found = this.ontology.findMentions(text)));
      return found;
    };
    for (;;) {
      const topics = buildTopicGraph(parsed, { findMentions, slugTakenElsewhere: (slug) => taken.has(slug), documentSlug });
      const clashes = [...(await this.repository.topicSlugsOfOthers(topics.map((t) => t.slug), name))].filter((slug) => !taken.has(slug));
      if (clashes.length === 0) return topics;
      clashes.forEach((slug) => taken.add(slug));
    }
  }
}

function metadataJson(parsed: ParsedDocument) {
  const { title: _title, ...rest } = parsed.metadata;
  return JSON.parse(JSON.stringify(rest)) as Record<string, never>;
}

function snippetRow(topicId: number, position: number, snippet: ParsedSnippet, check: ManifestCheck | undefined): SnippetRow {
  return {
    topicId,
    position,
    kind: snippet.kind,
    language: snippet.language,
    content: snippet.content,
    lineStart: snippet.lineStart,
    lineEnd: snippet.lineEnd,
    apiVersion: snippet.manifest?.apiVersion ?? null,
    manifestKind: snippet.manifest?.kind ?? null,
    manifestName: snippet.manifest?.name ?? null,
    deprecatedReplacement: snippet.manifest?.deprecated?.replacement ?? null,
    deprecatedRemovedIn: snippet.manifest?.deprecated?.removedIn ?? null,
    deprecatedNote: snippet.manifest?.deprecated?.note ?? null,
    deprecatedIn: check?.deprecatedIn ?? null,
    manifestStatus: check?.status ?? null,
    manifestFindings: check ? check.findings : null,
    manifestConverted: check?.converted ?? null,
    manifestEntity: check?.entitySlug ?? null,
  };
}

/** A topic whose snippet is a manifest mentions the manifest's kind (a provisional kind no alias can name). */
function withManifestMentions(topics: GraphTopic[], manifests: ReadonlyMap<ParsedSnippet, ManifestCheck>): GraphTopic[] {
  return topics.map((topic) => {
    const kinds = topic.snippets.flatMap((snippet) => manifests.get(snippet)?.entitySlug ?? []);
    const missing = [...new Set(kinds)].filter((slug) => !topic.mentions.some((m) => m.entitySlug === slug));
    return missing.length ? { ...topic, mentions: [...topic.mentions, ...missing.map((entitySlug) => ({ entitySlug, count: 1 }))] } : topic;
  });
}

/** A topic's quotable passages, cut once at ingest with their exact lines. */
function passageRows(topicId: number, topic: GraphTopic): PassageRow[] {
  return cutSectionPassages(topic).map((passage, position) => ({
    topicId,
    position,
    kind: passage.kind,
    text: passage.text,
    lineStart: passage.lineStart,
    lineEnd: passage.lineEnd,
    snippetPosition: passage.snippetIndex,
    cuts: passage.cuts,
  }));
}

/** Prisma's unique-constraint error, whichever driver adapter raised it. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  return e?.code === 'P2002' || e?.cause?.code === '23505' || e?.meta?.driverAdapterError?.cause?.originalCode === '23505';
}
