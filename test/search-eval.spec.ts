import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { projectRoot } from '../apps/api/src/common/project-root.js';
import { SearchService } from '../apps/api/src/search/search.service.js';
import { evaluate, loadEvalCases } from '../scripts/search-eval.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('search quality on test/fixtures/search-eval.yaml (embedded engine, seeded notes)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t.close());

  it('has at least 40 questions, each expecting a topic that exists', async () => {
    const cases = loadEvalCases(projectRoot());
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const missing: string[] = [];
    for (const slug of new Set(cases.map((c) => c.expect))) {
      if ((await request(t.server).get(`/api/v1/topics/${slug}`)).status !== 200) missing.push(slug);
    }
    expect(missing).toEqual([]);
  });

  it('puts the expected topic in the top 3 for at least 95% of them', async () => {
    const search = t.app.get(SearchService);
    const report = await evaluate(loadEvalCases(projectRoot()), async (q, limit) => (await search.search({ q, limit })).hits);
    const misses = report.outcomes.filter((o) => !o.rank || o.rank > 3).map((o) => `${o.case.q} → ${o.case.expect} (top: ${o.top.join(', ')})`);
    expect({ recallAt3: report.recallAt3 >= 0.95, misses }).toEqual({ recallAt3: true, misses: expect.any(Array) });
    expect(report.mrr).toBeGreaterThan(0.8);
  }, 120_000);
});
