import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../apps/api/src/common/project-root.js';
import { checkQuestions } from '../scripts/eval/check-questions.js';
import { readCorpus } from '../scripts/eval/corpus-files.js';
import { startEvalApp, type EvalApp } from '../scripts/eval/eval-app.js';
import { evaluateCases, figures, ingestCorpus, type CaseOutcome, type IngestSummary } from '../scripts/eval/evaluate.js';
import { outline } from '../scripts/eval/markdown-outline.js';
import { isDocumentCase, loadQuestions, type DocumentCase } from '../scripts/eval/questions.js';
import { CORPUS_DIR, CORPUS_QUESTIONS } from '../scripts/eval/suites.js';

/**
 * Issue 16's targets on this corpus are recall@5 ≥ 0.95 for search and for retrieve. Measured on
 * 2026-12-03 (branch ranking): search 0.961, retrieve 0.951, every file ingested. The floor sits a
 * question or two below, so it fails on a regression and not on a tie moving. Raise it as ranking
 * improves. `npm run eval:search` prints every miss.
 */
const FLOOR = { searchRecallAt5: 0.94, retrieveRecallAt5: 0.93, ingestFailures: 0 };

const root = projectRoot();
const corpusDir = join(root, CORPUS_DIR);

describe('the Markdown evaluation corpus (test/fixtures/eval-corpus)', () => {
  const files = readCorpus(corpusDir);

  it('is shaped like a real notes repository', () => {
    expect(files.length).toBeGreaterThanOrEqual(45);
    expect(files.length).toBeLessThanOrEqual(75);
    const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);
    expect(bytes).toBeGreaterThan(200_000);
    expect(bytes).toBeLessThan(350_000);

    const folders = (name: string) => files.filter((f) => basename(f.name) === name).map((f) => dirname(f.name));
    expect(folders('README.md').length).toBeGreaterThanOrEqual(8);
    for (const name of ['pod.md', 'kubeadm.md', 'etcd.md', 'dns.md']) expect(folders(name).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...files.map((f) => f.name.split('/').length))).toBeGreaterThanOrEqual(3);

    const kinds = files.map((f) => outline(f.content).frontMatter?.kind);
    expect(kinds.filter((k) => k === 'yaml').length).toBeGreaterThanOrEqual(10);
    expect(kinds.filter((k) => k === 'toml').length).toBeGreaterThanOrEqual(2);
    expect(files.some((f) => outline(f.content).headings.some((h) => h.depth === 4))).toBe(true);

    const all = files.map((f) => f.content).join('\n');
    for (const marker of ['{{< note >}}', '{{< glossary_tooltip', ':::tip', '<pre>', '<details>', '<img ', '![', '| --- |', '```yaml', '```console', '```bash',
      'apiVersion: extensions/v1beta1', 'apiVersion: apps/v1beta1', 'apiVersion: batch/v1beta1', 'apiVersion: policy/v1beta1', 'apiVersion: autoscaling/v2beta2', 'imagePullPolcy']) {
      expect({ marker, found: all.includes(marker) }).toEqual({ marker, found: true });
    }
    // Mostly Chinese prose with English terms, and some files wholly English.
    const han = (text: string) => text.match(/\p{Script=Han}/gu)?.length ?? 0;
    expect(files.filter((f) => han(f.content) >= 300).length).toBeGreaterThanOrEqual(40);
    expect(files.filter((f) => han(f.content) === 0).length).toBeGreaterThanOrEqual(5);
  });

  it('has at least 70 questions of every kind, each naming a file and heading that exist', () => {
    const cases = loadQuestions(join(root, CORPUS_QUESTIONS));
    expect(cases.length).toBeGreaterThanOrEqual(70);
    for (const tag of ['zh', 'en', 'mixed', 'typo', 'synonym', 'hard']) expect({ tag, has: cases.some((c) => c.tags.includes(tag)) }).toEqual({ tag, has: true });
    expect(cases.every(isDocumentCase)).toBe(true);
    expect(checkQuestions(corpusDir, cases)).toEqual([]);
    // The question file is read as text too: a heading must be one of the file's own, not text in its code.
    const pod = readFileSync(join(corpusDir, 'troubleshooting/pod.md'), 'utf8');
    expect(outline(pod).headings.some((h) => h.text.startsWith('CrashLoopBackOff'))).toBe(true);
  });
});

describe('search and retrieve quality on the Markdown corpus (embedded engine, POST /api/v1/documents per file)', () => {
  const cases = loadQuestions(join(root, CORPUS_QUESTIONS)).filter(isDocumentCase);
  let run: EvalApp;
  let ingest: IngestSummary;
  let outcomes: CaseOutcome[];
  beforeAll(async () => {
    // Ranking does not depend on the database, so this runs on embedded PGlite whatever DATABASE_URL says.
    run = await startEvalApp({ seed: false });
    ingest = await ingestCorpus(run.client, readCorpus(corpusDir));
    outcomes = await evaluateCases(run.client, cases);
  }, 900_000);
  afterAll(() => run?.close());

  it(`keeps recall@5 at or above today's floor (search ${FLOOR.searchRecallAt5}, retrieve ${FLOOR.retrieveRecallAt5}; issue 16's target is 0.95)`, () => {
    const f = figures(outcomes);
    const misses = outcomes
      .filter((o) => !o.search.rank || o.search.rank > 5 || !o.retrieve.rank || o.retrieve.rank > 5)
      .map((o) => `${o.case.q} (search ${o.search.rank ?? '-'}, retrieve ${o.retrieve.rank ?? '-'})`);
    expect({ search: f.searchRecallAt5 >= FLOOR.searchRecallAt5, retrieve: f.retrieveRecallAt5 >= FLOOR.retrieveRecallAt5, f, misses }).toEqual({
      search: true,
      retrieve: true,
      f: expect.anything(),
      misses: expect.any(Array),
    });
    expect(ingest.failures.length).toBeLessThanOrEqual(FLOOR.ingestFailures);
  });

  it('counts a question as missed when the answers come from another file (negative control)', async () => {
    // Questions search answered first time, each pointed at another question's file: the figures must collapse.
    const answered = cases.filter((c, i) => outcomes[i]!.search.rank === 1 && typeof c.doc === 'string').slice(0, 12);
    const wrong: DocumentCase[] = answered.map((c, i) => {
      const other = [...answered.slice(i + 1), ...answered.slice(0, i)].find((o) => o.doc !== c.doc)!;
      return { q: c.q, doc: other.doc, tags: [] };
    });
    expect(wrong).toHaveLength(12);
    const f = figures(await evaluateCases(run.client, wrong));
    expect(f.searchRecallAt5).toBeLessThan(0.35);
    expect(f.retrieveRecallAt5).toBeLessThan(0.35);
  }, 120_000);
});
