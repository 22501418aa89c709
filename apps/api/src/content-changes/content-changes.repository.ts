import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import { DatabaseService } from '../database/database.service.js';
import type { ContentChange, ContentChangeInput, ContentChangeKind } from './content-change.types.js';

/** The channel every recorded change is announced on, with its version as the payload. */
export const CONTENT_CHANNEL = 'kubenotes_content';
/** Changes kept in the log; a process further behind than this rebuilds instead of replaying them. */
export const RETAINED_CHANGES = 10_000;
/** Old changes are pruned by one write in this many: cheap, but not worth doing on every write. */
const PRUNE_EVERY = 100;

export interface LogBounds {
  /** null while the log is empty. */
  oldest: number | null;
  /** 0 while the log is empty. */
  newest: number;
}

/** The only reader and writer of content_changes. */
@Injectable()
export class ContentChangesRepository {
  constructor(private readonly database: DatabaseService) {}

  /**
   * Appends a change inside the writer's transaction and announces it (PostgreSQL delivers a
   * NOTIFY when the transaction commits, and never for one rolled back).
   */
  async append(tx: Prisma.TransactionClient, change: ContentChangeInput): Promise<number> {
    // A reader must never see version n+1 committed while n is still to come, or it would pass n by
    // for good. So writers take their number one at a time and hold the lock until they commit
    // (EXCLUSIVE blocks other writers of this table, never its readers).
    await tx.$executeRaw`LOCK TABLE content_changes IN EXCLUSIVE MODE`;
    const [row] = await tx.$queryRaw<{ version: bigint }[]>`
      INSERT INTO content_changes (kind, document_slug) VALUES (${change.kind}, ${change.documentSlug ?? null}) RETURNING version`;
    const version = Number(row!.version);
    await tx.$executeRaw`SELECT pg_notify(${CONTENT_CHANNEL}, ${String(version)})`;
    if (version % PRUNE_EVERY === 0) await tx.$executeRaw`DELETE FROM content_changes WHERE version <= ${version - RETAINED_CHANGES}::bigint`;
    return version;
  }

  async bounds(): Promise<LogBounds> {
    const [row] = await this.database.prisma.$queryRaw<{ oldest: bigint | null; newest: bigint | null }[]>`
      SELECT min(version) AS oldest, max(version) AS newest FROM content_changes`;
    return { oldest: row?.oldest == null ? null : Number(row.oldest), newest: Number(row?.newest ?? 0) };
  }

  /** Changes after `after` up to `upTo`, in version order. */
  async between(after: number, upTo: number): Promise<ContentChange[]> {
    const rows = await this.database.prisma.$queryRaw<{ version: bigint; kind: string; document_slug: string | null }[]>`
      SELECT version, kind, document_slug FROM content_changes WHERE version > ${after}::bigint AND version <= ${upTo}::bigint ORDER BY version`;
    return rows.map((row) => ({ version: Number(row.version), kind: row.kind as ContentChangeKind, documentSlug: row.document_slug }));
  }
}
