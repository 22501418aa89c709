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

/** Summary fields plus the prose and source lines: what a GraphQL Topic node needs without its relations. */
const nodeSelect = {
  ...summarySelect,
  body: true,
  lang: true,
  lineStart: true,
  lineEnd: true,
  document: { select: { name: true } },
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

  // Batch readers for GraphQL's per-request DataLoaders: one query for many keys.

  /** Topics with the scalar fields a GraphQL Topic node shows (no relations). */
  findNodesBySlugs(slugs: readonly string[]) {
    return this.prisma.topic.findMany({ where: { slug: { in: [...slugs] } }, select: nodeSelect });
  }

  /** Children of many topics at once, each row carrying its parent's slug. */
  findChildrenOfSlugs(parentSlugs: readonly string[]) {
    return this.prisma.topic.findMany({
      where: { parent: { slug: { in: [...parentSlugs] } } },
      orderBy: [{ parentId: 'asc' }, { position: 'asc' }],
      select: nodeSelect,
    });
  }

  /** Snippets of many topics at once, in document order. */
  findSnippetsOfSlugs(topicSlugs: readonly string[]) {
    return this.prisma.snippet.findMany({
      where: { topic: { slug: { in: [...topicSlugs] } } },
      orderBy: [{ topicId: 'asc' }, { position: 'asc' }],
      include: { topic: { select: { slug: true } } },
    });
  }

  /** The topics mentioning each of many entities, in document order. */
  findMentioningTopics(entitySlugs: readonly string[]) {
    return this.prisma.mention.findMany({
      where: { entity: { slug: { in: [...entitySlugs] } } },
      orderBy: [{ topic: { documentId: 'asc' } }, { topic: { position: 'asc' } }],
      select: { entity: { select: { slug: true } }, topic: { select: nodeSelect } },
    });
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
export type TopicNodeRow = Awaited<ReturnType<TopicsRepository['findNodesBySlugs']>>[number];
export type TopicDetailRow = NonNullable<Awaited<ReturnType<TopicsRepository['findBySlug']>>>;
