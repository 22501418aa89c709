import { Injectable } from '@nestjs/common';
import { Prisma } from '../../../../generated/prisma/client.js';
import { DatabaseService } from '../database/database.service.js';
import { ancestorHeadings } from './heading-path.js';
import { snippetSlug, type SearchDocument } from './search.types.js';

/** Reads what search indexes (topics, entities, snippets) and shapes it as SearchDocuments. */
@Injectable()
export class SearchDocumentsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get prisma() {
    return this.database.prisma;
  }

  async findAll(): Promise<SearchDocument[]> {
    const [{ topics, headings }, entities] = await Promise.all([this.topics({}), this.entities()]);
    return [...topics, ...entities, ...(await this.snippets({}, headings))];
  }

  /** A notes document's topics and snippets (none when it is gone). */
  async findForDocument(documentSlug: string): Promise<SearchDocument[]> {
    const { topics, headings } = await this.topics({ document: { slug: documentSlug } });
    return [...topics, ...(await this.snippets({ topic: { document: { slug: documentSlug } } }, headings))];
  }

  /** Slugs of the entities a notes document's topics mention. */
  async entitiesMentionedIn(documentSlug: string): Promise<string[]> {
    const rows = await this.prisma.entity.findMany({
      where: { mentions: { some: { topic: { document: { slug: documentSlug } } } } },
      select: { slug: true },
    });
    return rows.map((row) => row.slug);
  }

  findEntities(slugs: readonly string[]): Promise<SearchDocument[]> {
    return slugs.length ? this.entities(slugs) : Promise.resolve([]);
  }

  /**
   * Topics with their mentioned entities' names and aliases, so either language's word finds them,
   * and their heading paths (whole documents are read, so every ancestor is among the rows).
   */
  private async topics(where: Prisma.TopicWhereInput): Promise<{ topics: SearchDocument[]; headings: Map<number, string[]> }> {
    const rows = await this.prisma.topic.findMany({
      where,
      orderBy: [{ documentId: 'asc' }, { position: 'asc' }],
      select: {
        id: true,
        parentId: true,
        slug: true,
        title: true,
        document: { select: { slug: true, name: true, title: true } },
        passages: { orderBy: { position: 'asc' }, select: { text: true } },
        mentions: { orderBy: { count: 'desc' }, select: { entity: { select: { name: true, aliases: true } } } },
      },
    });
    const headings = ancestorHeadings(rows);
    const topics = rows.map((t) => ({
      id: `topic:${t.slug}`,
      kind: 'topic' as const,
      slug: t.slug,
      title: t.title,
      // The readable text (Markdown markup removed), as passages hold it.
      text: t.passages.map((p) => p.text).join('\n'),
      topicSlug: t.slug,
      document: t.document.slug,
      entityType: null,
      aliases: [...new Set(t.mentions.flatMap((m) => [m.entity.name, ...m.entity.aliases]))],
      headings: headings.get(t.id)!,
    }));
    return { topics, headings };
  }

  /**
   * Entities point at the topic that mentions them most (the first stored on ties).
   * One statement picking that topic per entity in SQL (LATERAL … LIMIT 1): an entity named all over
   * the corpus must not cost reading all its mentions on every document's update.
   */
  private async entities(slugs?: readonly string[]): Promise<SearchDocument[]> {
    const only = slugs ? Prisma.sql`WHERE e.slug = ANY(${[...slugs]}::text[])` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<Array<{ slug: string; name: string; type: string; aliases: string[]; description: string; topic_slug: string | null }>>`
      SELECT e.slug, e.name, e.type::text AS type, e.aliases, e.description, top.slug AS topic_slug
      FROM entities e
      LEFT JOIN LATERAL (
        SELECT t.slug FROM mentions m JOIN topics t ON t.id = m.topic_id
        WHERE m.entity_id = e.id ORDER BY m.count DESC, m.topic_id LIMIT 1
      ) top ON true
      ${only}
      ORDER BY e.slug`;
    return rows.map((e) => ({
      id: `entity:${e.slug}`,
      kind: 'entity' as const,
      slug: e.slug,
      title: e.name,
      text: e.description,
      topicSlug: e.topic_slug,
      document: null,
      entityType: e.type as SearchDocument['entityType'],
      aliases: e.aliases,
    }));
  }

  /** Snippets (YAML, shell, output) titled after their topic and, for manifests, their kind and name. */
  private async snippets(where: Prisma.SnippetWhereInput, topicHeadings: Map<number, string[]>): Promise<SearchDocument[]> {
    const rows = await this.prisma.snippet.findMany({
      where,
      orderBy: [{ topicId: 'asc' }, { position: 'asc' }],
      select: {
        position: true,
        kind: true,
        content: true,
        manifestKind: true,
        manifestName: true,
        topic: { select: { id: true, slug: true, title: true, document: { select: { slug: true } } } },
      },
    });
    return rows.map((s) => {
      const manifest = s.manifestKind ? ` — ${s.manifestKind}${s.manifestName ? ` ${s.manifestName}` : ''}` : '';
      return {
        id: `snippet:${snippetSlug(s.topic.slug, s.position)}`,
        kind: 'snippet' as const,
        slug: snippetSlug(s.topic.slug, s.position),
        title: `${s.topic.title} (${s.kind})${manifest}`,
        text: s.content,
        topicSlug: s.topic.slug,
        document: s.topic.document.slug,
        entityType: null,
        aliases: [],
        headings: topicHeadings.get(s.topic.id) ?? [],
      };
    });
  }
}
