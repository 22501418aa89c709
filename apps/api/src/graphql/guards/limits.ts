/**
 * What one GraphQL request may ask for. Every limit is checked before any
 * resolver runs, so a hostile query costs a parse and a walk, never database work.
 */
export const GRAPHQL_LIMITS = {
  /** Nesting of selections (introspection's __schema is exempt, GraphiQL needs it). */
  maxDepth: 8,
  /** Aliased fields per operation, fragments included: aliases multiply work without adding depth. */
  maxAliases: 30,
  /** Estimated cost: each field 1, lists times their page size (see relay.ts). */
  maxCost: 20_000,
  /** Lexical tokens in the document, checked while parsing. */
  maxTokens: 5_000,
  /** Bytes in a POST body; the REST routes allow more (app.factory.ts). */
  maxBodyBytes: 64 * 1024,
} as const;
