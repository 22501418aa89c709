import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphqlLoaders } from './loaders/loaders.factory.js';

/** What every resolver finds in the GraphQL context: this request's DataLoaders. */
export interface GraphqlContext {
  loaders: GraphqlLoaders;
}

/** Injects the request's DataLoaders into a resolver method. */
export const Loaders = createParamDecorator(
  (_data: unknown, context: ExecutionContext): GraphqlLoaders => GqlExecutionContext.create(context).getContext<GraphqlContext>().loaders,
);
