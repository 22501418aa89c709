/**
 * npm run eval:search [-- --corpus DIR --questions FILE [--label NAME]]
 *
 * Search and retrieve quality on the real application (in this process, embedded
 * database and engine). Without options: the seed notes with their topic questions,
 * then the committed Markdown corpus with its document questions. With --corpus and
 * --questions: that folder (every .md/.markdown/.txt under it, sent to POST
 * /api/v1/documents under its relative path) and those questions only.
 * Prints each miss with what came first, a summary table, and whether the targets
 * are met (exit 1 when not).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../apps/api/src/common/project-root.js';
import { checkQuestions } from './eval/check-questions.js';
import { readCorpus } from './eval/corpus-files.js';
import { startEvalApp } from './eval/eval-app.js';
import { evaluateCases, ingestCorpus, type IngestSummary } from './eval/evaluate.js';
import { loadQuestions } from './eval/questions.js';
import { formatCorpus, formatSummary, targetsMet, type CorpusResult } from './eval/report.js';
import { CORPUS_DIR, CORPUS_QUESTIONS, CORPUS_TARGETS, SEED_QUESTIONS, SEED_TARGETS } from './eval/suites.js';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, questions: { type: 'string' }, label: { type: 'string' } } });
if (Boolean(values.corpus) !== Boolean(values.questions)) {
  process.stderr.write('usage: npm run eval:search [-- --corpus DIR --questions FILE [--label NAME]]\n');
  process.exit(2);
}

const root = projectRoot();
// npm runs scripts from the project root; paths given on the command line are the caller's.
const here = process.env.INIT_CWD ?? process.cwd();
const results: CorpusResult[] = [];
if (values.corpus) {
  results.push(await evaluateCorpus(values.label ?? values.corpus, resolve(here, values.corpus), resolve(here, values.questions!)));
} else {
  results.push(await evaluateSeed());
  results.push(await evaluateCorpus(CORPUS_DIR, join(root, CORPUS_DIR), join(root, CORPUS_QUESTIONS)));
}
process.stdout.write(formatSummary(results));
process.exitCode = targetsMet(results) ? 0 : 1;

async function evaluateSeed(): Promise<CorpusResult> {
  const started = Date.now();
  const run = await startEvalApp({ seed: true });
  try {
    const ingest: IngestSummary = { files: 1, ingested: 1, failures: [], ms: Date.now() - started };
    const result = { label: 'seed', ingest, outcomes: await evaluateCases(run.client, loadQuestions(join(root, SEED_QUESTIONS))), targets: SEED_TARGETS };
    process.stdout.write(formatCorpus(result, 3) + '\n');
    return result;
  } finally {
    await run.close();
  }
}

async function evaluateCorpus(label: string, dir: string, questionsFile: string): Promise<CorpusResult> {
  const questions = loadQuestions(questionsFile);
  const problems = checkQuestions(dir, questions);
  if (problems.length > 0) throw new Error(`${questionsFile} does not fit ${dir}:\n  ${problems.join('\n  ')}`);
  const run = await startEvalApp({ seed: false });
  try {
    const ingest = await ingestCorpus(run.client, readCorpus(dir), (done, total, name) => {
      if (process.stderr.isTTY) process.stderr.write(`\ringesting ${done}/${total} ${name}`.slice(0, process.stderr.columns ?? 100).padEnd(process.stderr.columns ?? 100));
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const result = { label, ingest, outcomes: await evaluateCases(run.client, questions), targets: CORPUS_TARGETS };
    process.stdout.write(formatCorpus(result, 5) + '\n');
    return result;
  } finally {
    await run.close();
  }
}
