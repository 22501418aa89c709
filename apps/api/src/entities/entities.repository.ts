import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import type { EntityType } from '../../../../seed/ontology/types.js';
import { DatabaseService } from '../database/database.service.js';

const refSelect = { slug: true, name: true, type: true } satisfies Prisma.EntitySelect;
const topicSummarySelect = {
  id: true, slug: true, title: true, level: true, position: true, documentId: true, parent: { select: { slug: true } },
} satisfies Prisma.TopicSelect;
const evidenceSelect = {
  select: { topic: { select: { slug: true } } },
  orderBy: { topicId: 'asc' },
} satisfies Prisma.Relation$evidenceArgs;

export const entityDetailInclude = {
  mentions: {
    select: { topic: { select: topicSummarySelect } },
    orderBy: [{ topic: { documentId: 'asc' } }, { topic: { position: 'asc' } }],
  },
  outgoing: { select: { type: true, to: { select: refSelect }, evidence: evidenceSelect }, orderBy: { id: 'asc' } },
  incoming: { select: { type: true, from: { select: refSelect }, evidence: evidenceSelect }, orderBy: { id: 'asc' } },
} satisfies Prisma.EntityInclude;

export interface EntityListFilter {
  type?: EntityType;
  /** Case-insensitive substring of the name or an alias. */
  q?: string;
  afterSlug?: string;
  take: number;
}

/** The only reader of entities and relations. */
@Injectable()
export class EntitiesRepository {
  constructor(private readonly database: DatabaseService) {}

  private get prisma() {
    return this.database.prisma;
  }

  async list(filter: EntityListFilter) {
    const ids = filter.q === undefined ? undefined : await this.idsMatching(filter.q);
    return this.prisma.entity.findMany({
      where: {
        ...(filter.type ? { type: filter.type } : {}),
        ...(ids ? { id: { in: ids } } : {}),
        ...(filter.afterSlug !== undefined ? { slug: { gt: filter.afterSlug } } : {}),
      },
      orderBy: { slug: 'asc' },
      take: filter.take,
      include: entityDetailInclude,
    });
  }

  findIdBySlug(slug: string) {
    return this.prisma.entity.findUnique({ where: { slug }, select: { id: true } });
  }

  findBySlugs(slugs: readonly string[]) {
    return this.prisma.entity.findMany({ where: { slug: { in: [...slugs] } }, include: entityDetailInclude });
  }

  findRefs(slugs: readonly string[]) {
    return this.prisma.entity.findMany({ where: { slug: { in: [...slugs] } }, select: refSelect });
  }

  /** Aliases live in a text[] column; Prisma can only match whole elements there, so this one is SQL. */
  private async idsMatching(q: string): Promise<number[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM entities
      WHERE name ILIKE ${pattern} OR slug ILIKE ${pattern}
         OR EXISTS (SELECT 1 FROM unnest(aliases) AS alias WHERE alias ILIKE ${pattern})`;
    return rows.map((row) => row.id);
  }
}

export type EntityDetailRow = Awaited<ReturnType<EntitiesRepository['findBySlugs']>>[number];
