import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, pageSize, type CursorPage } from '../common/pagination.js';

/** Relay's PageInfo, forward pagination only (the REST lists are forward-only too). */
@ObjectType({ description: 'Where this page ends and whether another follows' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionTypes(name: string, node: () => Type<unknown> | Function) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Opaque; pass it as `after` to continue after this edge' })
    cursor: string;

    @Field(node)
    node: unknown;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

/**
 * A service's page as a Relay connection: `nodes` are what GraphQL shows for the
 * page's items, in order (null where one vanished meanwhile, left out), and the
 * cursors are the page's own, so GraphQL and REST resume each other's lists.
 */
export function toConnection<T>(page: Pick<CursorPage<unknown>, 'cursors' | 'nextCursor'>, nodes: ReadonlyArray<T | null | Error>): Connection<T> {
  const edges = nodes.flatMap((node, i) => (node !== null && !(node instanceof Error) ? [{ cursor: page.cursors[i]!, node }] : []));
  return { edges, pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: page.cursors.at(-1) ?? null } };
}

type Estimate = Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>;

/** Cost of a connection: its children times the page size actually served (`first`, capped like REST). */
export function connectionComplexity({ args, childComplexity }: Estimate): number {
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * pageSize(first);
}

/** Lists without arguments (children, snippets, relations, mentions) are short in the notes (a topic mentions ~5 entities); assume this many. */
export const LIST_SIZE_ESTIMATE = 5;

export function listComplexity({ childComplexity }: Estimate): number {
  return 1 + childComplexity * LIST_SIZE_ESTIMATE;
}
