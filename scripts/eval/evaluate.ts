/**
 * One evaluation: a corpus ingested through the API, then every question asked of
 * search (GET /api/v1/search) and of retrieve (POST /api/v1/retrieve).
 */
import type { Passage } from '../../apps/api/src/retrieval/retrieval.types.js';
import type { SearchHit } from '../../apps/api/src/search/search.types.js';
import type { EvalApiClient, TopicPlace } from './api-client.js';
import type { CorpusFile } from './corpus-files.js';
import { answeringDocuments, isDocumentCase, type EvalCase } from './questions.js';
import { firstMatch, meanReciprocalRank, recallAt, sameHeading, type Ranking } from './score.js';

/** Search hits asked for; MRR looks this deep, recall@5 at the first five. */
export const SEARCH_DEPTH = 10;
/** Passages asked of retrieve: what a chatbot asking for five gets. */
export const RETRIEVE_TOP_K = 5;
const SHOWN = 3;

export interface IngestFailure {
  name: string;
  /** HTTP status, 0 when the request itself failed. */
  status: number;
  detail: string;
}

export interface IngestSummary {
  files: number;
  ingested: number;
  failures: IngestFailure[];
  ms: number;
}

export interface CaseOutcome {
  case: EvalCase;
  search: Ranking;
  retrieve: Ranking;
  /** Set when asking failed (the case then counts as a miss for both). */
  error?: string;
}

export interface Figures {
  cases: number;
  searchRecallAt3: number;
  searchRecallAt5: number;
  searchMrr: number;
  retrieveRecallAt5: number;
  retrieveMrr: number;
  /** Over the cases that name a heading (NaN when none do): the answer came from that section. */
  searchSectionRecallAt5: number;
  retrieveSectionRecallAt5: number;
}

/** Sends every file to POST /api/v1/documents under its relative path; failures are counted, never thrown. */
export async function ingestCorpus(
  client: EvalApiClient,
  files: readonly CorpusFile[],
  onFile?: (done: number, total: number, name: string) => void,
): Promise<IngestSummary> {
  const started = Date.now();
  const failures: IngestFailure[] = [];
  for (const [i, file] of files.entries()) {
    const outcome = await client.ingest(file.name, file.content);
    if (!outcome.ok) failures.push({ name: file.name, status: outcome.status, detail: outcome.detail });
    onFile?.(i + 1, files.length, file.name);
  }
  return { files: files.length, ingested: files.length - failures.length, failures, ms: Date.now() - started };
}

export async function evaluateCases(client: EvalApiClient, cases: readonly EvalCase[]): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) {
    try {
      const hits = await client.search(c.q, SEARCH_DEPTH);
      const passages = await client.retrieve(c.q, RETRIEVE_TOP_K);
      outcomes.push({ case: c, search: await rankHits(client, c, hits), retrieve: await rankPassages(client, c, passages) });
    } catch (error) {
      const miss: Ranking = { rank: null, top: [] };
      outcomes.push({ case: c, search: miss, retrieve: miss, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

export function figures(outcomes: readonly CaseOutcome[]): Figures {
  const search = outcomes.map((o) => o.search.rank);
  const retrieve = outcomes.map((o) => o.retrieve.rank);
  const sectioned = outcomes.filter((o) => isDocumentCase(o.case) && o.case.heading);
  return {
    cases: outcomes.length,
    searchRecallAt3: recallAt(search, 3),
    searchRecallAt5: recallAt(search, 5),
    searchMrr: meanReciprocalRank(search),
    retrieveRecallAt5: recallAt(retrieve, 5),
    retrieveMrr: meanReciprocalRank(retrieve),
    searchSectionRecallAt5: recallAt(sectioned.map((o) => o.search.sectionRank ?? null), 5),
    retrieveSectionRecallAt5: recallAt(sectioned.map((o) => o.retrieve.sectionRank ?? null), 5),
  };
}

/**
 * A topic question is answered by that very topic (kind topic, as the seed's eval always counted);
 * a document question by any hit whose topic belongs to the document.
 */
async function rankHits(client: EvalApiClient, c: EvalCase, hits: SearchHit[]): Promise<Ranking> {
  const places = await Promise.all(hits.map((h) => (h.topicSlug ? client.topic(h.topicSlug) : null)));
  const top = hits.slice(0, SHOWN).map((h, i) => `${h.kind}:${h.slug}${places[i] ? ` [${places[i]!.document}]` : ''}`);
  if (!isDocumentCase(c)) return { rank: firstMatch(hits, (h) => h.kind === 'topic' && h.slug === c.expect), top };
  return rankPlaces(client, new Set(answeringDocuments(c)), c.heading, places, top);
}

async function rankPassages(client: EvalApiClient, c: EvalCase, passages: Passage[]): Promise<Ranking> {
  const top = passages.slice(0, SHOWN).map((p) => `${p.citation.document}:${p.citation.lineStart} ${p.title}`);
  if (!isDocumentCase(c)) return { rank: firstMatch(passages, (p) => p.topicSlug === c.expect), top };
  const places = await Promise.all(passages.map((p) => client.topic(p.topicSlug)));
  // The citation names the document; the topic is only needed for the section.
  const docs = new Set(answeringDocuments(c));
  const rank = firstMatch(passages, (p) => docs.has(p.citation.document));
  const section = await rankPlaces(client, docs, c.heading, places, top);
  return { ...section, rank };
}

async function rankPlaces(
  client: EvalApiClient,
  docs: ReadonlySet<string>,
  heading: string | undefined,
  places: (TopicPlace | null)[],
  top: string[],
): Promise<Ranking> {
  const inDocument = (p: TopicPlace | null): p is TopicPlace => p !== null && docs.has(p.document);
  const rank = firstMatch(places, inDocument);
  if (!heading) return { rank, top };
  const inSection = await Promise.all(places.map((p) => (inDocument(p) ? underHeading(client, p, heading) : false)));
  return { rank, sectionRank: firstMatch(inSection, Boolean), top };
}

/** The topic is the heading's section or lies inside it. */
async function underHeading(client: EvalApiClient, place: TopicPlace, heading: string): Promise<boolean> {
  for (let p: TopicPlace | null = place; p; p = p.parentSlug ? await client.topic(p.parentSlug) : null) {
    if (sameHeading(p.title, heading)) return true;
  }
  return false;
}
