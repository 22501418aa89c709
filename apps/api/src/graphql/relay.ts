import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize } from '../common/pagination.js';

/** Relay's PageInfo, forward pagination only (the REST lists are forward-only too). */
@ObjectType({ description: 'Where this page ends and whether another follows' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page' })
  endCursor: string | null;
}

/** `first`/`after`, validated like REST's `limit`/`cursor` (same bounds, same cap). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; larger values are capped to ${MAX_PAGE_SIZE} as in REST (default ${DEFAULT_PAGE_SIZE})` })
  @IsOptional() @IsInt() @Min(1) @Max(10_000)
  first?: number;

  @Field(() => String, { nullable: true, description: 'endCursor (or an edge cursor) of a previous page' })
  @IsOptional() @IsString() @MaxLength(500)
  after?: string;
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

/** A page as a Relay connection; `cursorOf` must produce what the service accepts as `cursor`. */
export function toConnection<T>(items: T[], hasNextPage: boolean, cursorOf: (item: T) => string): Connection<T> {
  const edges = items.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
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
