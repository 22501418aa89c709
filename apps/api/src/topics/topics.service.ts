import { Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, toPage, type Page } from '../common/pagination.js';
import { BadParameterError, NotFoundError } from '../common/problems.js';
import { VersionedCache } from '../common/versioned-cache.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import { EntitiesRepository } from '../entities/entities.repository.js';
import { toEntityRef, type EntityRef } from '../entities/entity.mapper.js';
import { toTopic, toTopicSummary, type Topic, type TopicSummary } from './topic.mapper.js';
import { TopicsRepository } from './topics.repository.js';

export interface TopicListQuery {
  parent?: string;
  entity?: string;
  limit?: number;
  cursor?: string;
}

export interface RelatedTopic {
  topic: TopicSummary;
  score: number;
  via: EntityRef[];
}

const isTopicCursor = (v: unknown): v is { d: number; p: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { d: unknown }).d) && Number.isInteger((v as { p: unknown }).p);

@Injectable()
export class TopicsService {
  private readonly cache: VersionedCache<Topic | null>;

  constructor(
    private readonly topics: TopicsRepository,
    private readonly entities: EntitiesRepository,
    contentChanges: ContentChanges,
  ) {
    this.cache = new VersionedCache(() => contentChanges.version);
  }

  async list(query: TopicListQuery): Promise<Page<TopicSummary>> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor, isTopicCursor);
    const parentId = query.parent === undefined ? undefined : (await this.topics.findIdBySlug(query.parent))?.id;
    if (query.parent !== undefined && parentId === undefined) throw new BadParameterError('parent', `names no topic ('${query.parent}')`);
    const entityId = query.entity === undefined ? undefined : (await this.entities.findIdBySlug(query.entity))?.id;
    if (query.entity !== undefined && entityId === undefined) throw new BadParameterError('entity', `names no entity ('${query.entity}')`);
    const rows = await this.topics.list({ parentId, entityId, after, take: limit + 1 });
    return toPage(rows, limit, (row) => ({ d: row.documentId, p: row.position }), toTopicSummary);
  }

  /** Read-through: a topic is six queries through Prisma, and only ingest changes it. Callers must not mutate it. */
  async get(slug: string): Promise<Topic> {
    const topic = await this.cache.get(slug, async () => {
      const row = await this.topics.findBySlug(slug);
      return row ? toTopic(row) : null;
    });
    if (!topic) throw new NotFoundError('topic', slug);
    return topic;
  }

  async related(slug: string, limit?: number): Promise<{ items: RelatedTopic[] }> {
    const topic = await this.topics.findIdBySlug(slug);
    if (!topic) throw new NotFoundError('topic', slug);
    const links = await this.topics.related(topic.id, pageSize(limit));
    const refs = new Map((await this.entities.findRefs([...new Set(links.flatMap((l) => l.via))])).map((e) => [e.slug, toEntityRef(e)]));
    return {
      items: links.map((link) => ({
        topic: toTopicSummary(link.to),
        score: link.score,
        via: link.via.flatMap((s) => refs.get(s) ?? []),
      })),
    };
  }
}
