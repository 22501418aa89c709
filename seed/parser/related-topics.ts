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
 * an entity mentioned by more than MAX_POSTINGS topics does not propose pairs on its own
 * (it still counts in the score of pairs found through a rarer one): at scale "Pod" is
 * everywhere, and pairs sharing only it say little while costing df² comparisons.
 */

/** Related topics kept per topic: enough for any page, bounded at scale. */
export const LINKS_PER_TOPIC = 12;
export const MAX_POSTINGS = 1000;

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

export type Idf = (entity: string) => number;

export function idfOf(stats: MentionStats): Idf {
  return (entity) => Math.log(1 + stats.topics / Math.max(1, stats.df.get(entity) ?? 1));
}

/** Whether an entity is rare enough to propose pairs of the topics that mention it. */
export function proposesPairs(stats: MentionStats, entity: string, maxPostings = MAX_POSTINGS): boolean {
  return (stats.df.get(entity) ?? 0) <= maxPostings;
}

export type LinkScorer = (a: ReadonlySet<string>, b: ReadonlySet<string>) => { score: number; via: string[] };

/**
 * The weighted Jaccard of two entity sets. Sums run in a fixed order (idf, then
 * slug), so score(a, b) and score(b, a) are the same number bit for bit. A set's
 * own weight is worked out once per scorer (a topic is scored against many).
 */
export function linkScorer(idf: Idf): LinkScorer {
  const order = (x: string, y: string) => idf(y) - idf(x) || (x < y ? -1 : x > y ? 1 : 0);
  const sum = (entities: readonly string[]) => entities.reduce((total, e) => total + idf(e), 0);
  const weights = new WeakMap<ReadonlySet<string>, number>();
  const weight = (set: ReadonlySet<string>) => {
    let w = weights.get(set);
    if (w === undefined) weights.set(set, (w = sum([...set].sort(order))));
    return w;
  };
  return (a, b) => {
    const via = [...a].filter((e) => b.has(e)).sort(order);
    const shared = sum(via);
    const score = shared === 0 ? 0 : Math.round((shared / (weight(a) + weight(b) - shared)) * 1e6) / 1e6;
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

/** Entity → the topics (indexes into `topics`) that mention it. */
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
 * Every topic's best links, over a complete set of topics (a full recompute).
 * Sorted by score, then from, then to.
 */
export function relateTopics<K extends string | number>(
  topics: readonly TopicEntities<K>[],
  options: { limitPerTopic?: number; maxPostings?: number } = {},
): TopicLink<K>[] {
  const stats = mentionStats(topics);
  const score = linkScorer(idfOf(stats));
  const postings = postingsOf(topics);
  const out: TopicLink<K>[] = [];
  topics.forEach((topic, i) => {
    const candidates = new Set<number>();
    for (const e of topic.entities) {
      if (!proposesPairs(stats, e, options.maxPostings)) continue;
      for (const j of postings.get(e)!) if (j !== i) candidates.add(j);
    }
    out.push(...linksFrom(topic, [...candidates].map((j) => topics[j]!), score, options.limitPerTopic ?? Infinity));
  });
  return out.sort((x, y) => y.score - x.score || (x.from < y.from ? -1 : x.from > y.from ? 1 : 0) || byScoreThenTo(x, y));
}
