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
/**
 * A passage's score: its topic's search rank, its own overlap with the query
 * (read under its headings), and how much of the query its heading path
 * (document › section › subsection) names. The rank carries most: search already
 * weighed titles over bodies across the whole corpus.
 */
const TOPIC_WEIGHT = 0.5;
const OVERLAP_WEIGHT = 0.3;
const HEADING_WEIGHT = 0.2;
/** Each further passage of a topic already chosen counts this much less, so five passages are not one section. */
const SAME_TOPIC_DECAY = 0.85;
/** Passages whose terms overlap this much (Jaccard) say the same thing: only the better one is kept. */
const NEAR_DUPLICATE = 0.8;
/** A shortened passage shorter than this is not worth quoting. */
const MIN_QUOTE = 60;
/** Letters and digits a prose passage needs to be quoted at all, a Han character counting two (about a word's worth). */
const MIN_PROSE_LETTERS = 8;

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

/** 0..1: the weighted share of the query's terms (synonyms at their lower weight) that the heading path holds. */
export function headingScore(profile: QueryProfile, headingTerms: ReadonlySet<string>): number {
  let total = 0;
  let found = 0;
  for (const [term, weight] of profile.terms) {
    total += weight;
    if (headingTerms.has(term)) found += weight;
  }
  return total ? found / total : 0;
}

/**
 * Whether a passage says something of its own. A label ("show" of a `<details>` toggle,
 * "Output:", 如下：) is kept as a passage, for citations and neighbours, but is never an
 * answer: read under its headings it would match the query as well as the section does,
 * and quote nothing.
 */
export function isQuotable(passage: Pick<CutPassage, 'kind' | 'text'>): boolean {
  if (passage.kind === 'snippet') return true;
  let letters = 0;
  for (const ch of passage.text) {
    if (/\p{Script=Han}/u.test(ch)) letters += 2;
    else if (/[\p{L}\p{N}]/u.test(ch)) letters++;
    if (letters >= MIN_PROSE_LETTERS) return true;
  }
  return false;
}

export function combine(topicScore: number, overlap: number, heading = 0): number {
  return Math.round((TOPIC_WEIGHT * topicScore + OVERLAP_WEIGHT * overlap + HEADING_WEIGHT * heading) * 1e4) / 1e4;
}

export interface Ranked<T> {
  passage: CutPassage;
  score: number;
  /** Citation key: document + first line, to drop the same lines reached twice. */
  key: string;
  /** The topic it belongs to, for SAME_TOPIC_DECAY. */
  group?: string;
  /** Its terms, to recognise a near-duplicate. */
  terms?: ReadonlySet<string>;
  extra: T;
}

/** Jaccard similarity of two term sets. */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Best first, a topic's further passages decayed (SAME_TOPIC_DECAY); duplicates
 * (same lines, the same text elsewhere, or nearly the same terms) dropped; below
 * the threshold dropped; then taken while topK and the character budget allow —
 * a passage that does not fit is shortened to whole sentences if a useful part fits.
 */
export function selectPassages<T>(ranked: readonly Ranked<T>[], options: { topK: number; maxChars: number; scoreThreshold: number }): Ranked<T>[] {
  const byScore = (a: Ranked<T>, b: Ranked<T>) => b.score - a.score || a.key.localeCompare(b.key);
  const sorted = [...ranked].sort(byScore);
  // Within a topic, the second-best passage counts SAME_TOPIC_DECAY, the third its square…
  const seenGroups = new Map<string, number>();
  const decayed = sorted.map((item) => {
    if (item.group === undefined) return item;
    const n = seenGroups.get(item.group) ?? 0;
    seenGroups.set(item.group, n + 1);
    return n === 0 ? item : { ...item, score: Math.round(item.score * SAME_TOPIC_DECAY ** n * 1e4) / 1e4 };
  }).sort(byScore);
  const seenKeys = new Set<string>();
  const seenTexts = new Set<string>();
  const kept: ReadonlySet<string>[] = [];
  const out: Ranked<T>[] = [];
  let used = 0;
  for (const item of decayed) {
    if (out.length >= options.topK) break;
    if (item.score < options.scoreThreshold || item.score <= 0) continue;
    const text = item.passage.text.replace(/\s+/g, ' ');
    if (seenKeys.has(item.key) || seenTexts.has(text)) continue;
    if (item.terms && kept.some((terms) => similarity(terms, item.terms!) >= NEAR_DUPLICATE)) continue;
    const room = options.maxChars - used;
    const fitted = item.passage.text.length <= room ? item.passage : room >= MIN_QUOTE ? shortenPassage(item.passage, room) : null;
    if (!fitted) continue;
    seenKeys.add(item.key);
    seenTexts.add(text);
    if (item.terms) kept.push(item.terms);
    used += fitted.text.length;
    out.push({ ...item, passage: fitted });
  }
  return out;
}
