import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { parseDocument } from '../../../../seed/parser/parse-document.js';
import { slugify } from '../../../../seed/parser/slug.js';
import { buildTopicGraph } from '../../../../seed/parser/topic-graph.js';
import { LOGGER } from '../common/logger.js';
import { BadParameterError } from '../common/problems.js';
import { projectRoot } from '../common/project-root.js';
import { IngestEvents } from './ingest-events.js';
import { IngestRepository, type IngestProgress } from './ingest.repository.js';
import { OntologyService } from './ontology.service.js';

export interface IngestReport {
  document: { name: string; slug: string };
  /** True when the same content was already stored: nothing was written. */
  unchanged: boolean;
  topics: number;
  snippets: number;
  mentions: number;
}

/** Largest notes document accepted (characters). */
export const MAX_DOCUMENT_CHARS = 2_000_000;
const NOTE_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);

/** Turns notes into the topic graph: parse, link to the ontology, store in one transaction. */
@Injectable()
export class IngestService {
  constructor(
    private readonly repository: IngestRepository,
    private readonly ontology: OntologyService,
    private readonly events: IngestEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  syncOntology() {
    return this.repository.syncOntology(this.ontology.ontology);
  }

  ingest(name: string, content: string, onProgress?: (progress: IngestProgress) => void): Promise<IngestReport> {
    return this.ingestOne(name, content, onProgress, true);
  }

  /**
   * `derived` false leaves related topics and relation evidence to a later
   * recomputeDerived: they depend on every document, so a folder recomputes them once.
   */
  private async ingestOne(
    name: string,
    content: string,
    onProgress: ((progress: IngestProgress) => void) | undefined,
    derived: boolean,
  ): Promise<IngestReport> {
    const cleanName = name.trim();
    if (!cleanName || cleanName.length > 200) throw new BadParameterError('name', 'must be 1 to 200 characters');
    if (!content.trim()) throw new BadParameterError('content', 'is empty');
    if (content.length > MAX_DOCUMENT_CHARS) throw new BadParameterError('content', `exceeds ${MAX_DOCUMENT_CHARS} characters`);

    const contentHash = createHash('sha256').update(content).digest('hex');
    const existing = await this.repository.findDocument(cleanName);
    if (existing?.contentHash === contentHash) {
      this.logger.info({ document: cleanName }, 'ingest skipped: content unchanged');
      const topics = await this.repository.countTopics(existing.id);
      return { document: { name: cleanName, slug: existing.slug }, unchanged: true, topics, snippets: 0, mentions: 0 };
    }
    const parsed = parseDocument(cleanName, content);

    const documentSlug = existing?.slug ?? slugify(basename(cleanName, extname(cleanName)));
    const taken = await this.repository.slugsOfOtherDocuments(cleanName);
    const topics = buildTopicGraph(parsed, {
      findMentions: (text) => this.ontology.findMentions(text),
      slugTakenElsewhere: (slug) => taken.has(slug),
      documentSlug,
    });
    const started = Date.now();
    await this.repository.replaceDocument(
      { name: cleanName, slug: documentSlug, format: parsed.format, contentHash, content, lineCount: parsed.lineCount },
      topics,
      this.ontology.ontology,
      (progress) => {
        this.logger.debug({ document: cleanName, ...progress }, 'ingest progress');
        onProgress?.(progress);
      },
      derived,
    );
    const report: IngestReport = {
      document: { name: cleanName, slug: documentSlug },
      unchanged: false,
      topics: topics.length,
      snippets: topics.reduce((sum, topic) => sum + topic.snippets.length, 0),
      mentions: topics.reduce((sum, topic) => sum + topic.mentions.length, 0),
    };
    this.logger.info({ ...report, ms: Date.now() - started }, 'document ingested');
    await this.events.documentChanged(report);
    return report;
  }

  /** Ingests every notes file of a folder, in name order, each file in a transaction of its own. */
  async ingestFolder(dir: string, onProgress?: (file: string, progress: IngestProgress) => void): Promise<IngestReport[]> {
    const folder = isAbsolute(dir) ? dir : join(projectRoot(), dir);
    const files = readdirSync(folder).filter((file) => NOTE_EXTENSIONS.has(extname(file).toLowerCase())).sort();
    const reports: IngestReport[] = [];
    // Links and evidence are recomputed once, with the last file (or after a failure), not per file:
    // per file it is quadratic in the folder's size.
    let stale = false;
    try {
      for (const [i, file] of files.entries()) {
        const last = i === files.length - 1;
        const report = await this.ingestOne(file, readFileSync(join(folder, file), 'utf8'), (p) => onProgress?.(file, p), last);
        if (!report.unchanged) stale = !last;
        reports.push(report);
      }
    } finally {
      if (stale) await this.repository.recomputeDerived(this.ontology.ontology);
    }
    return reports;
  }

  /** Start-up: an empty knowledge base gets the seed notes. */
  async seedIfEmpty(dir: string): Promise<IngestReport[] | null> {
    if ((await this.repository.countDocuments()) > 0) return null;
    return this.ingestFolder(dir);
  }
}
