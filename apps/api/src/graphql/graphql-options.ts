import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { Logger } from 'pino';
import { beforeGraphql, negotiateResponseType } from './http-hooks.js';
import type { GraphqlContext } from './graphql-context.js';
import { createErrorFormatter } from './graphql-errors.js';
import { GRAPHQL_LIMITS } from './guards/limits.js';
import { costGuard } from './guards/query-cost.js';
import { guardValidationRules } from './guards/validation-rules.js';
import type { LoadersFactory } from './loaders/loaders.factory.js';
import type { ResponseCache } from '../response-cache/response-cache.service.js';
import { graphqlResponseCacheHooks } from './graphql-response-cache.js';

export const GRAPHQL_PATH = '/graphql';

/** Mercurius options: code-first schema in memory, every guard, our error formatter and explorer. */
export function graphqlOptions(
  loaders: LoadersFactory,
  logger: Logger,
  responseCache: ResponseCache,
  limits = GRAPHQL_LIMITS,
): Omit<MercuriusDriverConfig, 'driver'> {
  const cached = graphqlResponseCacheHooks(responseCache);
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    // Mercurius's own GraphiQL loads from a CDN; ours is served by this API (explorer/).
    graphiql: false,
    ide: false,
    allowBatchedQueries: false,
    // Compile a query with graphql-jit from its second run: about 3x the throughput of graphql-js on our topic query.
    jit: 1,
    context: (): GraphqlContext => ({ loaders: loaders.create() }),
    validationRules: guardValidationRules(limits),
    graphql: { parseOptions: { maxTokens: limits.maxTokens } },
    hooks: { preExecution: [costGuard(limits.maxCost)] },
    errorFormatter: createErrorFormatter(logger) as MercuriusDriverConfig['errorFormatter'],
    additionalRouteOptions: {
      bodyLimit: limits.maxBodyBytes,
      preValidation: beforeGraphql,
      preHandler: cached.lookup,
      onSend: [cached.store, negotiateResponseType],
    },
  };
}
