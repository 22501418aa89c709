import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import { DatabaseService } from '../database/database.service.js';

const passageTopicSelect = {
  id: true,
  slug: true,
  title: true,
  body: true,
  lineStart: true,
  lineEnd: true,
  document: { select: { id: true, name: true, slug: true } },
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

export type PassageTopicRow = Awaited<ReturnType<RetrievalRepository['findTopics']>>[number];
