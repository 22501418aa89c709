import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../common/pagination.js';
import { NotFoundError } from '../common/problems.js';
import { IngestService } from '../ingest/ingest.service.js';
import type { DeleteReport, IngestReport } from '../ingest/ingest.types.js';
import { toTopicSummary } from '../topics/topic.mapper.js';
import { DocumentsRepository, type DocumentDetailRow, type DocumentSummaryRow } from './documents.repository.js';
import type { DocumentDetail, DocumentMetadata, DocumentSummary } from './documents.types.js';

const isDocumentCursor = (v: unknown): v is { n: string } => typeof v === 'object' && v !== null && typeof (v as { n: unknown }).n === 'string';

/** The cursor that resumes a document list after this document (REST's nextCursor, GraphQL's edge cursors). */
export const documentCursor = (document: { name: string }): string => encodeCursor({ n: document.name });

/** Documents as first-class resources: listed, read, written and deleted. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly ingest: IngestService,
  ) {}

  async list(query: { limit?: number; cursor?: string }): Promise<Page<DocumentSummary>> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor, isDocumentCursor);
    const rows = await this.documents.list({ afterName: after?.n, take: limit + 1 });
    const items = rows.slice(0, limit).map(toDocumentSummary);
    return { items, nextCursor: rows.length > limit ? documentCursor(items.at(-1)!) : null };
  }

  async get(slug: string): Promise<DocumentDetail> {
    const row = await this.documents.findBySlug(slug);
    if (!row) throw new NotFoundError('document', slug);
    return toDocumentDetail(row);
  }

  /** Several documents in one read, in the order asked; unknown slugs are left out. */
  async getMany(slugs: readonly string[]): Promise<DocumentDetail[]> {
    const found = new Map((await this.documents.findBySlugs(slugs)).map((row) => [row.slug, toDocumentDetail(row)]));
    return slugs.flatMap((slug) => found.get(slug) ?? []);
  }

  write(name: string, content: string): Promise<IngestReport> {
    return this.ingest.ingest(name, content);
  }

  delete(slug: string): Promise<DeleteReport> {
    return this.ingest.deleteDocument(slug);
  }
}

function toDocumentSummary(row: DocumentSummaryRow): DocumentSummary {
  return {
    name: row.name,
    slug: row.slug,
    format: row.format,
    title: row.title,
    lines: row.lineCount,
    topics: row._count.topics,
    contentHash: row.contentHash,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDocumentDetail(row: DocumentDetailRow): DocumentDetail {
  const stored = (row.metadata ?? {}) as Partial<DocumentMetadata>;
  return {
    ...toDocumentSummary(row),
    createdAt: row.createdAt.toISOString(),
    metadata: { description: stored.description ?? null, tags: stored.tags ?? [], aliases: stored.aliases ?? [], extra: stored.extra ?? {} },
    outline: row.topics.map(toTopicSummary),
  };
}
