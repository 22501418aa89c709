import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { projectRoot } from '../apps/api/src/common/project-root.js';
import request from 'supertest';
import { EvalApiClient } from '../scripts/eval/api-client.js';
import { evaluateCases, figures } from '../scripts/eval/evaluate.js';
import { isDocumentCase, loadQuestions } from '../scripts/eval/questions.js';
import { SEED_QUESTIONS } from '../scripts/eval/suites.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('search quality on test/fixtures/search-eval.yaml (embedded engine, seeded notes)', () => {
  const cases = loadQuestions(join(projectRoot(), SEED_QUESTIONS));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // The evaluation asks over HTTP, as a user would.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(() => t.close());

  it('has at least 40 questions, each expecting a topic that exists', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const missing: string[] = [];
    for (const c of cases) {
      if (isDocumentCase(c) || (await request(t.server).get(`/api/v1/topics/${c.expect}`)).status !== 200) missing.push(c.q);
    }
    expect(missing).toEqual([]);
  });

  it('puts the expected topic in the top 3 for at least 95% of them', async () => {
    const outcomes = await evaluateCases(new EvalApiClient(await t.app.getUrl(), ''), cases);
    const misses = outcomes.filter((o) => !o.search.rank || o.search.rank > 3).map((o) => `${o.case.q} (top: ${o.search.top.join(', ')})`);
    const f = figures(outcomes);
    expect({ recallAt3: f.searchRecallAt3 >= 0.95, misses }).toEqual({ recallAt3: true, misses: expect.any(Array) });
    expect(f.searchMrr).toBeGreaterThan(0.8);
  }, 120_000);
});
