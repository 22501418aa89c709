import { Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { GraphqlGuardError } from './guard-error.js';
import { GRAPHQL_LIMITS } from './limits.js';

/** Fields declare `complexity` (connections and lists, relay.ts); every other field costs 1. */
const estimators = [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];

/** The costliest operation of the document, with the request's variables (page sizes often come from them). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>): number {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : []));
  return Math.max(0, ...names.map((operationName) => getComplexity({ schema, query: document, variables, operationName, estimators })));
}

/**
 * Mercurius hands us the same parsed document for the same query text (its
 * LRU), so a cost is remembered per document and variables: the estimate walks
 * the whole document with type info, which otherwise dominates a cheap query.
 */
const MAX_COSTS_PER_DOCUMENT = 100;
const costs = new WeakMap<DocumentNode, Map<string, number>>();

function cachedCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>): number {
  const key = JSON.stringify(variables ?? {});
  let byVariables = costs.get(document);
  const hit = byVariables?.get(key);
  if (hit !== undefined) return hit;
  const cost = queryCost(schema, document, variables);
  if (!byVariables) costs.set(document, (byVariables = new Map()));
  if (byVariables.size >= MAX_COSTS_PER_DOCUMENT) byVariables.clear();
  byVariables.set(key, cost);
  return cost;
}

/**
 * A Mercurius preExecution hook (it sees the variables, which a cached
 * validation rule cannot): refuse a query whose estimated cost is over the limit.
 */
export function costGuard(maxCost: number = GRAPHQL_LIMITS.maxCost) {
  return async (schema: GraphQLSchema, document: DocumentNode, _context: unknown, variables?: Record<string, unknown>) => {
    const cost = cachedCost(schema, document, variables);
    if (cost > maxCost) {
      throw new GraphqlGuardError(`Query cost ${cost} exceeds the limit of ${maxCost}; ask for fewer or smaller pages`, 'QUERY_TOO_COMPLEX', 400, { cost, maxCost });
    }
  };
}
