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

const detailSelect = {
  ...summarySelect,
  body: true,
  lang: true,
  lineStart: true,
  lineEnd: true,
  document: { select: { name: true } },
  snippets: { orderBy: { position: 'asc' }, include: { manifestEntity: { select: { slug: true, name: true, type: true } } } },
  mentions: { select: { entity: { select: { slug: true, name: true, type: true } } }, orderBy: [{ count: 'desc' }, { entityId: 'asc' }] },
  children: { select: summarySelect, orderBy: { position: 'asc' } },
} satisfies Prisma.TopicSelect;

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

  /** Which of these slugs name a topic. */
  async existingSlugs(slugs: readonly string[]): Promise<Set<string>> {
    return new Set((await this.prisma.topic.findMany({ where: { slug: { in: [...slugs] } }, select: { slug: true } })).map((row) => row.slug));
  }

  /** Topics with everything a Topic shows, in no particular order. */
  findBySlugs(slugs: readonly string[]) {
    return this.prisma.topic.findMany({ where: { slug: { in: [...slugs] } }, select: detailSelect });
  }

  /** The related-topic links out of each of these topics, best first. */
  relatedOf(slugs: readonly string[]) {
    return this.prisma.topicLink.findMany({
      where: { from: { slug: { in: [...slugs] } } },
      orderBy: [{ fromId: 'asc' }, { score: 'desc' }, { toId: 'asc' }],
      select: { score: true, via: true, from: { select: { slug: true } }, to: { select: summarySelect } },
    });
  }
}

export type TopicDetailRow = Awaited<ReturnType<TopicsRepository['findBySlugs']>>[number];
export type SnippetRow = TopicDetailRow['snippets'][number];
