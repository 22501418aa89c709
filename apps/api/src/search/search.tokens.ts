/** The Meilisearch engine, or null when MEILI_URL is not set. */
export const MEILI_ENGINE = Symbol('MEILI_ENGINE');
