/**
 * Passage ranking (pure): how well one passage answers a query, and the final
 * cut to topK, the character budget and the score threshold.
 */
import { shortenPassage, type CutPassage } from '../../../../seed/parser/passages.js';

export interface Analyzer {
  terms(text: string): string[];
  queryTerms(text: string): string[];
}

export interface Expander {
  expand(query: string): { entitySlugs: string[]; phrases: string[] };
}

/** The query's terms (own words weigh 1, words only its synonyms bring weigh 0.5) and the entities it names. */
export interface QueryProfile {
  terms: Map<string, number>;
  entitySlugs: Set<string>;
}

const EXPANSION_WEIGHT = 0.5;
/** The topic's search rank counts this much of a passage's score; the passage's own overlap the rest. */
const TOPIC_WEIGHT = 0.4;
/** A shortened passage shorter than this is not worth quoting. */
const MIN_QUOTE = 60;

export function queryProfile(query: string, analyzer: Analyzer, expander: Expander): QueryProfile {
  const terms = new Map<string, number>(analyzer.queryTerms(query).map((t) => [t, 1]));
  const { entitySlugs, phrases } = expander.expand(query);
  for (const phrase of phrases) {
    for (const term of analyzer.queryTerms(phrase)) if (!terms.has(term)) terms.set(term, EXPANSION_WEIGHT);
  }
  return { terms, entitySlugs: new Set(entitySlugs) };
}

/**
 * 0..1. Term overlap is the weighted share of the query's terms found in the
 * passage; when the query names entities, the share of them the passage mentions
 * (under any alias) counts half.
 */
export function overlapScore(profile: QueryProfile, passageTerms: ReadonlySet<string>, passageEntities: ReadonlySet<string>): number {
  let total = 0;
  let found = 0;
  for (const [term, weight] of profile.terms) {
    total += weight;
    if (passageTerms.has(term)) found += weight;
  }
  const terms = total ? found / total : 0;
  if (profile.entitySlugs.size === 0) return terms;
  const named = [...profile.entitySlugs].filter((slug) => passageEntities.has(slug)).length / profile.entitySlugs.size;
  return (terms + named) / 2;
}

export function combine(topicScore: number, overlap: number): number {
  return Math.round((TOPIC_WEIGHT * topicScore + (1 - TOPIC_WEIGHT) * overlap) * 1e4) / 1e4;
}

export interface Ranked<T> {
  passage: CutPassage;
  score: number;
  /** Citation key: document + first line, to drop the same lines reached twice. */
  key: string;
  extra: T;
}

/**
 * Best first; duplicates (same lines, or the same text elsewhere) dropped; below
 * the threshold dropped; then taken while topK and the character budget allow —
 * a passage that does not fit is shortened to whole sentences if a useful part fits.
 */
export function selectPassages<T>(ranked: readonly Ranked<T>[], options: { topK: number; maxChars: number; scoreThreshold: number }): Ranked<T>[] {
  const sorted = [...ranked].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  const seenKeys = new Set<string>();
  const seenTexts = new Set<string>();
  const out: Ranked<T>[] = [];
  let used = 0;
  for (const item of sorted) {
    if (out.length >= options.topK) break;
    if (item.score < options.scoreThreshold || item.score <= 0) continue;
    const text = item.passage.text.replace(/\s+/g, ' ');
    if (seenKeys.has(item.key) || seenTexts.has(text)) continue;
    const room = options.maxChars - used;
    const fitted = item.passage.text.length <= room ? item.passage : room >= MIN_QUOTE ? shortenPassage(item.passage, room) : null;
    if (!fitted) continue;
    seenKeys.add(item.key);
    seenTexts.add(text);
    used += fitted.text.length;
    out.push({ ...item, passage: fitted });
  }
  return out;
}
