/** Search quality on a committed question set: recall@3 and MRR (used by `npm run eval:search` and a Jest test). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { SearchHit } from '../apps/api/src/search/search.types.js';

export const EVAL_FILE = 'test/fixtures/search-eval.yaml';
/** Hits looked at for the reciprocal rank; beyond this a case counts 0. */
export const MRR_DEPTH = 10;

const schema = z.object({
  cases: z.array(z.object({ q: z.string().min(1), expect: z.string().min(1), tags: z.array(z.string()).default([]) })).min(1),
});
export type EvalCase = z.infer<typeof schema>['cases'][number];

export interface EvalOutcome {
  case: EvalCase;
  /** 1-based rank of the expected topic among the hits, or null when it is not in the first MRR_DEPTH. */
  rank: number | null;
  top: string[];
}

export interface EvalReport {
  cases: number;
  recallAt3: number;
  mrr: number;
  outcomes: EvalOutcome[];
}

export function loadEvalCases(root: string): EvalCase[] {
  return schema.parse(parse(readFileSync(join(root, EVAL_FILE), 'utf8'))).cases;
}

/**
 * Runs every question through `search`. A hit counts only when it is the expected
 * topic itself (kind topic, same slug): an entity or snippet of it does not.
 */
export async function evaluate(cases: EvalCase[], search: (q: string, limit: number) => Promise<SearchHit[]>): Promise<EvalReport> {
  const outcomes: EvalOutcome[] = [];
  for (const c of cases) {
    const hits = await search(c.q, MRR_DEPTH);
    const index = hits.findIndex((h) => h.kind === 'topic' && h.slug === c.expect);
    outcomes.push({ case: c, rank: index >= 0 ? index + 1 : null, top: hits.slice(0, 3).map((h) => `${h.kind}:${h.slug}`) });
  }
  const recallAt3 = outcomes.filter((o) => o.rank !== null && o.rank <= 3).length / outcomes.length;
  const mrr = outcomes.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / outcomes.length;
  return { cases: outcomes.length, recallAt3, mrr, outcomes };
}
