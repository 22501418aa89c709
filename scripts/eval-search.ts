/**
 * npm run eval:search — builds the app on an in-memory embedded database seeded
 * from seed/notes, runs the committed questions through the embedded engine, and
 * prints recall@3 and MRR (exit 1 below the 0.95 recall@3 target).
 */
import { pino } from 'pino';
import { createApp } from '../apps/api/src/app.factory.js';
import { StartupService } from '../apps/api/src/bootstrap/startup.service.js';
import { projectRoot } from '../apps/api/src/common/project-root.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { SearchService } from '../apps/api/src/search/search.service.js';
import { evaluate, loadEvalCases } from './search-eval.js';

const TARGET_RECALL_AT_3 = 0.95;

// No DATABASE_URL, no MEILI_URL: the embedded database and engine, whatever the shell has set.
const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent' });
const app = await createApp(config, pino({ level: 'silent' }));
await app.init();
await app.get(StartupService).start();
const search = app.get(SearchService);
const report = await evaluate(loadEvalCases(projectRoot()), async (q, limit) => (await search.search({ q, limit })).hits);
await app.close();

for (const o of report.outcomes) {
  const mark = o.rank !== null && o.rank <= 3 ? 'ok  ' : 'MISS';
  process.stdout.write(`${mark} rank ${String(o.rank ?? '-').padStart(2)}  ${o.case.q}  →  ${o.case.expect}${o.rank === 1 ? '' : `   (top: ${o.top.join(', ')})`}\n`);
}
process.stdout.write(`\n${report.cases} questions, embedded engine: recall@3 = ${report.recallAt3.toFixed(3)}, MRR = ${report.mrr.toFixed(3)}\n`);
process.exitCode = report.recallAt3 >= TARGET_RECALL_AT_3 ? 0 : 1;
