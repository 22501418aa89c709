import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import { DatabaseService } from '../database/database.service.js';

/** A topic's ancestors up to this depth (Markdown has six heading levels). */
const ANCESTOR_DEPTH = 6;
type ParentSelect = { select: { title: true; parent?: ParentSelect } };
const parentSelect = (depth: number): ParentSelect => ({ select: { title: true, ...(depth > 1 ? { parent: parentSelect(depth - 1) } : {}) } });

const passageTopicSelect = {
  id: true,
  slug: true,
  title: true,
  body: true,
  lineStart: true,
  lineEnd: true,
  parent: parentSelect(ANCESTOR_DEPTH),
  document: {
    select: {
      id: true, name: true, slug: true, title: true,
      // The document's reading order, for each passage's neighbours across sections.
      topics: { orderBy: { position: 'asc' }, select: { slug: true, _count: { select: { passages: true } } } },
    },
  },
  passages: {
    orderBy: { position: 'asc' },
    select: { kind: true, text: true, lineStart: true, lineEnd: true, snippetPosition: true, cuts: true },
  },
  snippets: {
    orderBy: { position: 'asc' },
    select: {
      position: true, kind: true, lineStart: true, lineEnd: true, apiVersion: true, manifestKind: true,
      deprecatedReplacement: true, deprecatedRemovedIn: true, deprecatedNote: true,
      manifestStatus: true, manifestFindings: true,
    },
  },
} satisfies Prisma.TopicSelect;

/** The only reader of what retrieval needs: topics with their passages and snippets. */
@Injectable()
export class RetrievalRepository {
  constructor(private readonly database: DatabaseService) {}

  private get prisma() {
    return this.database.prisma;
  }

  findTopics(slugs: readonly string[]) {
    return this.prisma.topic.findMany({ where: { slug: { in: [...slugs] } }, select: passageTopicSelect });
  }

  /** A document by its slug or its name (Dify's knowledge_id may be either). */
  findDocument(key: string) {
    return this.prisma.document.findFirst({ where: { OR: [{ slug: key }, { name: key }] }, select: { name: true, slug: true } });
  }
}

/** The titles above a topic row, outermost first. */
export function ancestorTitles(row: { parent?: { title: string; parent?: unknown } | null }): string[] {
  const titles: string[] = [];
  for (let p = row.parent as { title: string; parent?: unknown } | null | undefined; p; p = p.parent as typeof p) titles.unshift(p.title);
  return titles;
}

export type PassageTopicRow = Awaited<ReturnType<RetrievalRepository['findTopics']>>[number];
