import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import { DatabaseService } from '../database/database.service.js';

const summarySelect = {
  id: true,
  slug: true,
  title: true,
  level: true,
  position: true,
  documentId: true,
  parent: { select: { slug: true } },
} satisfies Prisma.TopicSelect;

export const topicDetailInclude = {
  document: { select: { name: true } },
  parent: { select: { slug: true } },
  snippets: { orderBy: { position: 'asc' } },
  mentions: { include: { entity: { select: { slug: true, name: true, type: true } } }, orderBy: { count: 'desc' } },
  children: { select: summarySelect, orderBy: { position: 'asc' } },
} satisfies Prisma.TopicInclude;

export interface TopicListFilter {
  parentId?: number;
  entityId?: number;
  after?: { d: number; p: number };
  take: number;
}

/** The only reader of topics. */
@Injectable()
export class TopicsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get prisma() {
    return this.database.prisma;
  }

  list(filter: TopicListFilter) {
    return this.prisma.topic.findMany({
      where: {
        ...(filter.parentId !== undefined ? { parentId: filter.parentId } : {}),
        ...(filter.entityId !== undefined ? { mentions: { some: { entityId: filter.entityId } } } : {}),
        ...(filter.after
          ? {
              OR: [
                { documentId: { gt: filter.after.d } },
                { documentId: filter.after.d, position: { gt: filter.after.p } },
              ],
            }
          : {}),
      },
      orderBy: [{ documentId: 'asc' }, { position: 'asc' }],
      take: filter.take,
      select: summarySelect,
    });
  }

  findIdBySlug(slug: string) {
    return this.prisma.topic.findUnique({ where: { slug }, select: { id: true } });
  }

  findBySlug(slug: string) {
    return this.prisma.topic.findUnique({ where: { slug }, include: topicDetailInclude });
  }

  findBySlugs(slugs: readonly string[]) {
    return this.prisma.topic.findMany({ where: { slug: { in: [...slugs] } }, include: topicDetailInclude });
  }

  related(topicId: number, take: number) {
    return this.prisma.topicLink.findMany({
      where: { fromId: topicId },
      orderBy: [{ score: 'desc' }, { toId: 'asc' }],
      take,
      select: { score: true, via: true, to: { select: summarySelect } },
    });
  }
}

export type TopicSummaryRow = Awaited<ReturnType<TopicsRepository['list']>>[number];
export type TopicDetailRow = NonNullable<Awaited<ReturnType<TopicsRepository['findBySlug']>>>;
