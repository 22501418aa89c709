import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminKeyGuard } from '../common/admin-key.guard.js';
import { NotFoundError } from '../common/problems.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import type { TopicNode } from '../graphql/loaders/topic-node.js';
import { PageArgs, connectionComplexity, listComplexity, toConnection } from '../graphql/relay.js';
import { Topic } from '../topics/models/topic.model.js';
import { DocumentsService, documentCursor } from './documents.service.js';
import type { DocumentDetail } from './documents.types.js';
import { DeleteReportModel, DocumentConnection, DocumentModel } from './models/document.model.js';

@Resolver(() => DocumentModel)
export class DocumentsResolver {
  constructor(private readonly service: DocumentsService) {}

  @Query(() => DocumentModel, { nullable: true, description: 'A document by slug; null when there is none' })
  document(@Args('slug') slug: string): Promise<DocumentDetail | null> {
    return this.service.get(slug).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }

  @Query(() => DocumentConnection, { description: 'Documents in name (path) order, as GET /api/v1/documents', complexity: connectionComplexity })
  async documents(@Args() args: PageArgs) {
    const page = await this.service.list({ limit: args.first ?? undefined, cursor: args.after ?? undefined });
    const nodes = await this.service.getMany(page.items.map((item) => item.slug));
    return toConnection(nodes, page.nextCursor !== null, documentCursor);
  }

  @ResolveField(() => [Topic], { description: 'Its topics in document order', complexity: listComplexity })
  async outline(@Parent() document: DocumentDetail, @Loaders() loaders: GraphqlLoaders): Promise<TopicNode[]> {
    const nodes = await loaders.topic.loadMany(document.outline.map((topic) => topic.slug));
    return nodes.filter((node): node is TopicNode => node !== null && !(node instanceof Error));
  }

  @Mutation(() => DeleteReportModel, { description: 'Deletes a document and everything derived from it (needs the x-api-key header)' })
  @UseGuards(AdminKeyGuard)
  deleteDocument(@Args('slug') slug: string) {
    return this.service.delete(slug);
  }
}
