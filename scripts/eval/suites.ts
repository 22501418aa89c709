/** The committed evaluation suites and the targets each is held to (issue 16). */
import type { Target } from './report.js';

/** The seed notes' questions, each expecting a topic. */
export const SEED_QUESTIONS = 'test/fixtures/search-eval.yaml';
/** Our Markdown corpus of Kubernetes notes and its questions, each expecting a file. */
export const CORPUS_DIR = 'test/fixtures/eval-corpus';
export const CORPUS_QUESTIONS = 'test/fixtures/eval-corpus-questions.yaml';

/** The seed keeps its recall@3 gate; real corpora get recall@5 for search and for retrieve. */
export const SEED_TARGETS: Target[] = [{ name: 'search recall@3', value: (f) => f.searchRecallAt3, min: 0.95 }];
export const CORPUS_TARGETS: Target[] = [
  { name: 'search recall@5', value: (f) => f.searchRecallAt5, min: 0.95 },
  { name: 'retrieve recall@5', value: (f) => f.retrieveRecallAt5, min: 0.95 },
];
