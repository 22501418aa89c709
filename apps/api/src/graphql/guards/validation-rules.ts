import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { GRAPHQL_LIMITS } from './limits.js';

/**
 * graphql-armor's rules throw on rejection by default, which would abort
 * validation with an exception; report a coded GraphQL error instead.
 */
function reportAs(code: string) {
  return (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } }));
}

/** Static rules, so Mercurius can cache a document's validation by its text. */
export function guardValidationRules(limits = GRAPHQL_LIMITS): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [reportAs('QUERY_TOO_DEEP')],
    }) as unknown as ValidationRule,
    maxAliasesRule({
      n: limits.maxAliases,
      allowList: [], // the default exempts __typename; a limit is simpler to state without exceptions
      propagateOnRejection: false,
      onReject: [reportAs('TOO_MANY_ALIASES')],
    }) as unknown as ValidationRule,
  ];
}
