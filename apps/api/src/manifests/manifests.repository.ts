import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../../generated/prisma/client.js';
import { DatabaseService } from '../database/database.service.js';
import type { ManifestStatus } from './manifests.types.js';

const manifestSelect = {
  id: true,
  lineStart: true,
  lineEnd: true,
  apiVersion: true,
  manifestKind: true,
  manifestName: true,
  manifestStatus: true,
  manifestFindings: true,
  manifestConverted: true,
  deprecatedReplacement: true,
  deprecatedRemovedIn: true,
  deprecatedIn: true,
  deprecatedNote: true,
  manifestEntity: { select: { slug: true, name: true, type: true } },
  topic: {
    select: {
      slug: true, title: true, level: true, position: true, parent: { select: { slug: true } },
      document: { select: { name: true, slug: true } },
    },
  },
} satisfies Prisma.SnippetSelect;

export interface ManifestListFilter {
  status?: ManifestStatus;
  kind?: string;
  afterId?: number;
  take: number;
}

/** The only reader of the manifests found in the notes (snippets that are Kubernetes objects). */
@Injectable()
export class ManifestsRepository {
  constructor(private readonly database: DatabaseService) {}

  /** In the order they were stored (document by document, top to bottom). */
  list(filter: ManifestListFilter) {
    return this.database.prisma.snippet.findMany({
      where: {
        apiVersion: { not: null },
        manifestKind: filter.kind === undefined ? { not: null } : { equals: filter.kind, mode: 'insensitive' },
        ...(filter.status ? { manifestStatus: filter.status } : {}),
        ...(filter.afterId !== undefined ? { id: { gt: filter.afterId } } : {}),
      },
      orderBy: { id: 'asc' },
      take: filter.take,
      select: manifestSelect,
    });
  }
}

export type ManifestRow = Awaited<ReturnType<ManifestsRepository['list']>>[number];
