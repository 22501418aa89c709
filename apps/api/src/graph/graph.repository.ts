import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import { DatabaseService } from '../database/database.service.js';

const refSelect = { id: true, slug: true, name: true, type: true } satisfies Prisma.EntitySelect;
const relationSelect = {
  id: true,
  type: true,
  from: { select: refSelect },
  to: { select: refSelect },
  evidence: { select: { topic: { select: { slug: true } } }, orderBy: { topicId: 'asc' } },
} satisfies Prisma.RelationSelect;

/** Reads the entity graph in batches: whole levels of a traversal, or everything for an export. */
@Injectable()
export class GraphRepository {
  constructor(private readonly database: DatabaseService) {}

  private get prisma() {
    return this.database.prisma;
  }

  findEntity(slug: string) {
    return this.prisma.entity.findUnique({ where: { slug }, select: refSelect });
  }

  /** Every relation touching any of `entityIds`, in either direction: one BFS level in one call. */
  relationsTouching(entityIds: readonly number[]) {
    const ids = [...entityIds];
    return this.prisma.relation.findMany({
      where: { OR: [{ fromId: { in: ids } }, { toId: { in: ids } }] },
      orderBy: { id: 'asc' },
      select: relationSelect,
    });
  }

  allEntities() {
    return this.prisma.entity.findMany({ orderBy: { slug: 'asc' }, select: refSelect });
  }

  allRelations() {
    return this.prisma.relation.findMany({ orderBy: { id: 'asc' }, select: relationSelect });
  }

  allTopics() {
    return this.prisma.topic.findMany({
      orderBy: [{ documentId: 'asc' }, { position: 'asc' }],
      select: { id: true, slug: true, title: true, level: true },
    });
  }

  allMentions() {
    return this.prisma.mention.findMany({
      orderBy: [{ topicId: 'asc' }, { entityId: 'asc' }],
      select: { count: true, topic: { select: { slug: true } }, entity: { select: { slug: true } } },
    });
  }
}

export type RelationRow = Awaited<ReturnType<GraphRepository['allRelations']>>[number];
