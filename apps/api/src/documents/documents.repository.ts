import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import { DatabaseService } from '../database/database.service.js';

const summarySelect = {
  id: true,
  name: true,
  slug: true,
  format: true,
  title: true,
  lineCount: true,
  contentHash: true,
  updatedAt: true,
  _count: { select: { topics: true } },
} satisfies Prisma.DocumentSelect;

/** The only reader of documents. */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get prisma() {
    return this.database.prisma;
  }

  /** In name order, after `afterName`. */
  list(filter: { afterName?: string; take: number }) {
    return this.prisma.document.findMany({
      where: filter.afterName === undefined ? {} : { name: { gt: filter.afterName } },
      orderBy: { name: 'asc' },
      take: filter.take,
      select: summarySelect,
    });
  }

  findBySlug(slug: string) {
    return this.prisma.document.findUnique({ where: { slug }, select: detailSelect });
  }

  findBySlugs(slugs: readonly string[]) {
    return this.prisma.document.findMany({ where: { slug: { in: [...slugs] } }, select: detailSelect });
  }
}

const detailSelect = {
  ...summarySelect,
  createdAt: true,
  metadata: true,
  topics: {
    orderBy: { position: 'asc' },
    select: { slug: true, title: true, level: true, position: true, parent: { select: { slug: true } } },
  },
} satisfies Prisma.DocumentSelect;

export type DocumentSummaryRow = Awaited<ReturnType<DocumentsRepository['list']>>[number];
export type DocumentDetailRow = NonNullable<Awaited<ReturnType<DocumentsRepository['findBySlug']>>>;
