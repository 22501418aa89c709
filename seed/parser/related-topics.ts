/**
 * Related topics, from the entities topics mention (pure). (Relation evidence, which
 * needs no scoring, is computed by the database: IngestRows.insertEvidence.)
 *
 * idf(e) = ln(1 + N / df(e)), N = number of topics, df = topics mentioning e, so an entity
 * named everywhere weighs little but never zero. The score of a pair is a weighted Jaccard:
 *   score(a, b) = Σ idf(shared) / Σ idf(union of both topics' entities)  ∈ (0, 1]
 * (1 when both mention exactly the same entities).
 *
 * Only topics sharing an entity are ever compared (an inverted index entity → topics), and
 * a topic is compared with at most MAX_CANDIDATES others: those sharing its rarest entities
 * first. So scoring one topic costs the same in a corpus of a hundred topics or of a hundred
 * thousand, and a document's ingest stays one document's cost; what is given up is a link
 * through a common entity alone to a topic beyond the first MAX_CANDIDATES, which would
 * score low (a common entity weighs little). An entity mentioned by more than MAX_POSTINGS
 * topics proposes no pairs at all (it still counts in the score of pairs found through a
 * rarer one): at scale "Pod" is everywhere, and pairs sharing only it say little.
 */

/** Related topics kept per topic: enough for any page, bounded at scale. */
export const LINKS_PER_TOPIC = 12;
export const MAX_POSTINGS = 1000;
/** Topics one topic is scored against, at most: a few hundred covers every rare entity's topics. */
export const MAX_CANDIDATES = 300;

export interface TopicEntities<K> {
  key: K;
  entities: ReadonlySet<string>;
}

export interface TopicLink<K> {
  from: K;
  to: K;
  score: number;
  /** Shared entity slugs, most specific (highest idf) first. */
  via: string[];
}

/** How many topics there are and how many mention each entity. */
export interface MentionStats {
  topics: number;
  df: ReadonlyMap<string, number>;
}

export interface CandidateLimits {
  maxPostings?: number;
  maxCandidates?: number;
}

export type Idf = (entity: string) => number;

export function idfOf(stats: MentionStats): Idf {
  const memo = new Map<string, number>();
  return (entity) => {
    let value = memo.get(entity);
    if (value === undefined) memo.set(entity, (value = Math.log(1 + stats.topics / Math.max(1, stats.df.get(entity) ?? 1))));
    return value;
  };
}

/** Whether an entity is rare enough to propose pairs of the topics that mention it. */
export function proposesPairs(stats: MentionStats, entity: string, maxPostings = MAX_POSTINGS): boolean {
  return (stats.df.get(entity) ?? 0) <= maxPostings;
}

/**
 * The topics a topic is scored against: those mentioning its rarest entity, then its next
 * rarest (fewest topics, then slug), each entity's topics in the order `postings` gives them
 * (the callers give topic id order), until `maxCandidates`. The same rule on both paths, the
 * full recompute and a document's incremental update, so both score the same pairs.
 */
export function candidatesOf<K>(
  entities: ReadonlySet<string>,
  self: K,
  postings: (entity: string) => readonly K[] | undefined,
  stats: MentionStats,
  limits: CandidateLimits = {},
): K[] {
  const max = limits.maxCandidates ?? MAX_CANDIDATES;
  const df = (e: string) => stats.df.get(e) ?? 0;
  const rarestFirst = [...entities]
    .filter((e) => proposesPairs(stats, e, limits.maxPostings))
    .sort((x, y) => df(x) - df(y) || (x < y ? -1 : x > y ? 1 : 0));
  const found = new Set<K>();
  for (const entity of rarestFirst) {
    for (const key of postings(entity) ?? []) {
      if (key === self || found.has(key)) continue;
      if (found.size === max) return [...found];
      found.add(key);
    }
  }
  return [...found];
}

export type LinkScorer = (a: ReadonlySet<string>, b: ReadonlySet<string>) => { score: number; via: string[] };

/**
 * The weighted Jaccard of two entity sets. Sums run in a fixed order (idf, then
 * slug), so score(a, b) and score(b, a) are the same number bit for bit. Each set is
 * sorted and weighed once per scorer (a topic is scored against hundreds), so a pair
 * costs one membership test per entity of `a`.
 */
export function linkScorer(idf: Idf): LinkScorer {
  const order = (x: string, y: string) => idf(y) - idf(x) || (x < y ? -1 : x > y ? 1 : 0);
  const prepared = new WeakMap<ReadonlySet<string>, { ordered: string[]; weight: number }>();
  const prepare = (set: ReadonlySet<string>) => {
    let p = prepared.get(set);
    if (!p) {
      const ordered = [...set].sort(order);
      prepared.set(set, (p = { ordered, weight: ordered.reduce((total, e) => total + idf(e), 0) }));
    }
    return p;
  };
  return (a, b) => {
    const pa = prepare(a);
    const via: string[] = [];
    let shared = 0;
    for (const e of pa.ordered) {
      if (!b.has(e)) continue;
      via.push(e);
      shared += idf(e);
    }
    const score = shared === 0 ? 0 : Math.round((shared / (pa.weight + prepare(b).weight - shared)) * 1e6) / 1e6;
    return { score, via };
  };
}

const byScoreThenTo = <K extends string | number>(x: TopicLink<K>, y: TopicLink<K>) =>
  y.score - x.score || (x.to < y.to ? -1 : x.to > y.to ? 1 : 0);

/** A topic's best links among candidates (itself and topics sharing nothing are skipped). */
export function linksFrom<K extends string | number>(
  target: TopicEntities<K>,
  candidates: Iterable<TopicEntities<K>>,
  score: LinkScorer,
  limit = LINKS_PER_TOPIC,
): TopicLink<K>[] {
  const links: TopicLink<K>[] = [];
  for (const candidate of candidates) {
    if (candidate.key === target.key) continue;
    const { score: value, via } = score(target.entities, candidate.entities);
    if (value > 0) links.push({ from: target.key, to: candidate.key, score: value, via });
  }
  return links.sort(byScoreThenTo).slice(0, limit);
}

/** Every entity any of these sets holds, once. */
export function entitiesOf(sets: Iterable<ReadonlySet<string>>): string[] {
  const all = new Set<string>();
  for (const set of sets) for (const entity of set) all.add(entity);
  return [...all];
}

/** Entity → the topics (indexes into `topics`, ascending) that mention it. */
function postingsOf<K>(topics: readonly TopicEntities<K>[]): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  topics.forEach(({ entities }, i) => {
    for (const e of entities) {
      const list = postings.get(e);
      if (list) list.push(i);
      else postings.set(e, [i]);
    }
  });
  return postings;
}

/** Stats of a complete set of topics. */
export function mentionStats<K>(topics: readonly TopicEntities<K>[]): MentionStats {
  return { topics: topics.length, df: new Map([...postingsOf(topics)].map(([e, list]) => [e, list.length])) };
}

/**
 * Every topic's best links, over a complete set of topics (a full recompute), given in
 * the order their ids would be (postings follow it). Sorted by score, then from, then to.
 */
export function relateTopics<K extends string | number>(
  topics: readonly TopicEntities<K>[],
  options: CandidateLimits & { limitPerTopic?: number } = {},
): TopicLink<K>[] {
  const stats = mentionStats(topics);
  const score = linkScorer(idfOf(stats));
  const postings = postingsOf(topics);
  const out: TopicLink<K>[] = [];
  topics.forEach((topic, i) => {
    const candidates = candidatesOf(topic.entities, i, (e) => postings.get(e), stats, options);
    out.push(...linksFrom(topic, candidates.map((j) => topics[j]!), score, options.limitPerTopic ?? Infinity));
  });
  return out.sort((x, y) => y.score - x.score || (x.from < y.from ? -1 : x.from > y.from ? 1 : 0) || byScoreThenTo(x, y));
}
