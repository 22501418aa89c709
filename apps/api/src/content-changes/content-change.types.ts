/**
 * What a committed write changed:
 * - `document`: one document added, replaced or deleted (`documentSlug` names it);
 * - `ontology`: entities and relations synchronised with the ontology files;
 * - `derived`: related topics and relation evidence recomputed, no document's text changed;
 * - `reindex`: anything may have changed; read everything again. A process is handed one when the
 *   changes it missed were pruned from the log (see RETAINED_CHANGES).
 */
export type ContentChangeKind = 'document' | 'ontology' | 'derived' | 'reindex';

/** What a writer records inside its transaction. */
export interface ContentChangeInput {
  kind: ContentChangeKind;
  documentSlug?: string | null;
}

/** A committed change, as other processes are told of it. */
export interface ContentChange {
  /** Commit order across every process: a later commit has a larger version. */
  version: number;
  kind: ContentChangeKind;
  documentSlug: string | null;
}

/** Receives changes in version order; must be idempotent (a failed delivery is repeated). */
export type ContentChangesListener = (changes: readonly ContentChange[]) => Promise<void>;
