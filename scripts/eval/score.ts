/** Ranks and the figures made of them: recall@k and mean reciprocal rank. Pure. */

/** Where the first right answer came, 1-based, or null when none of the answers looked at was right. */
export interface Ranking {
  rank: number | null;
  /** For questions that name a heading: where the first answer from that section came. */
  sectionRank?: number | null;
  /** The first answers, as printed for a miss. */
  top: string[];
}

export function firstMatch<T>(items: readonly T[], matches: (item: T) => boolean): number | null {
  const index = items.findIndex(matches);
  return index >= 0 ? index + 1 : null;
}

export function recallAt(ranks: readonly (number | null)[], k: number): number {
  if (ranks.length === 0) return Number.NaN;
  return ranks.filter((rank) => rank !== null && rank <= k).length / ranks.length;
}

/** Mean of 1/rank, a miss counting 0. */
export function meanReciprocalRank(ranks: readonly (number | null)[]): number {
  if (ranks.length === 0) return Number.NaN;
  return ranks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / ranks.length;
}

/** Headings compared without case, spacing or punctuation ("Service 的类型" = "service的类型"). */
export function sameHeading(a: string, b: string): boolean {
  const normal = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return normal(a) === normal(b);
}
