import { Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, toPage, type CursorPage } from '../common/pagination.js';
import { NotFoundError } from '../common/problems.js';
import { IngestService } from '../ingest/ingest.service.js';
import type { DeleteReport, IngestReport } from '../ingest/ingest.types.js';
import { toTopicSummary } from '../common/refs.mapper.js';
import { DocumentsRepository, type DocumentDetailRow, type DocumentSummaryRow } from './documents.repository.js';
import type { DocumentDetail, DocumentMetadata, DocumentSummary } from './documents.types.js';

const isDocumentCursor = (v: unknown): v is { n: string } => typeof v === 'object' && v !== null && typeof (v as { n: unknown }).n === 'string';


/** Documents as first-class resources: listed, read, written and deleted. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly ingest: IngestService,
  ) {}

  async list(query: { limit?: number; cursor?: string }): Promise<CursorPage<DocumentSummary>> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor, isDocumentCursor);
    const rows = await this.documents.list({ afterName: after?.n, take: limit + 1 });
    return toPage(rows, limit, (row) => ({ n: row.name }), toDocumentSummary);
  }

  async get(slug: string): Promise<DocumentDetail> {
    const row = await this.documents.findBySlug(slug);
    if (!row) throw new NotFoundError('document', slug);
    return toDocumentDetail(row);
  }

  /** Several documents in one read, in the order asked; null where there is none. */
  async getMany(slugs: readonly string[]): Promise<Array<DocumentDetail | null>> {
    const found = new Map((await this.documents.findBySlugs(slugs)).map((row) => [row.slug, toDocumentDetail(row)]));
    return slugs.map((slug) => found.get(slug) ?? null);
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
