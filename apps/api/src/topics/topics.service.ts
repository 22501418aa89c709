import { Injectable } from '@nestjs/common';
import { decodeCursor, pageSize, toPage, type CursorPage } from '../common/pagination.js';
import { BadParameterError, NotFoundError } from '../common/problems.js';
import { toTopicSummary } from '../common/refs.mapper.js';
import { EntitiesService } from '../entities/entities.service.js';
import { toTopic } from './topic.mapper.js';
import { TopicsRepository } from './topics.repository.js';
import type { RelatedTopic, Topic, TopicListQuery, TopicSummary } from './topics.types.js';

const isTopicCursor = (v: unknown): v is { d: number; p: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { d: unknown }).d) && Number.isInteger((v as { p: unknown }).p);

@Injectable()
export class TopicsService {
  constructor(
    private readonly topics: TopicsRepository,
    private readonly entities: EntitiesService,
  ) {}

  /** Topics in document order; each item's cursor resumes the list after it. */
  async list(query: TopicListQuery): Promise<CursorPage<TopicSummary>> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor, isTopicCursor);
    const parentId = query.parent === undefined ? undefined : (await this.topics.findIdBySlug(query.parent))?.id;
    if (query.parent !== undefined && parentId === undefined) throw new BadParameterError('parent', `names no topic ('${query.parent}')`);
    const entityId = query.entity === undefined ? undefined : await this.entities.idOf(query.entity);
    if (query.entity !== undefined && entityId === undefined) throw new BadParameterError('entity', `names no entity ('${query.entity}')`);
    const rows = await this.topics.list({ parentId, entityId, after, take: limit + 1 });
    return toPage(rows, limit, (row) => ({ d: row.documentId, p: row.position }), toTopicSummary);
  }

  async get(slug: string): Promise<Topic> {
    const [topic] = await this.getMany([slug]);
    if (!topic) throw new NotFoundError('topic', slug);
    return topic;
  }

  /** Several topics in one read, in the order asked; null where there is none (GraphQL's loaders batch through this). */
  async getMany(slugs: readonly string[]): Promise<Array<Topic | null>> {
    const found = new Map((await this.topics.findBySlugs(slugs)).map((row) => [row.slug, toTopic(row)]));
    return slugs.map((slug) => found.get(slug) ?? null);
  }

  async related(slug: string, limit?: number): Promise<{ items: RelatedTopic[] }> {
    const [items] = await this.relatedMany([slug], limit);
    if (items === null) throw new NotFoundError('topic', slug);
    return { items: items! };
  }

  /** Related topics of several topics in one read; null for a slug that names no topic. */
  async relatedMany(slugs: readonly string[], limit?: number): Promise<Array<RelatedTopic[] | null>> {
    const take = pageSize(limit);
    const [links, existing] = await Promise.all([this.topics.relatedOf(slugs), this.topics.existingSlugs(slugs)]);
    const refs = new Map((await this.entities.refs([...new Set(links.flatMap((link) => link.via))])).map((ref) => [ref.slug, ref]));
    const bySlug = new Map<string, RelatedTopic[]>(slugs.map((slug) => [slug, []]));
    for (const link of links) {
      const list = bySlug.get(link.from.slug)!;
      if (list.length < take) list.push({ topic: toTopicSummary(link.to), score: link.score, via: link.via.flatMap((s) => refs.get(s) ?? []) });
    }
    return slugs.map((slug) => (existing.has(slug) ? bySlug.get(slug)! : null));
  }
}
