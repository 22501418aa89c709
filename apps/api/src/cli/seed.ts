/** npm run seed: ingest SEED_DIR (default seed/notes) recursively, as `npm run ingest -- DIR` does; unchanged files are skipped. */
import { IngestService } from '../ingest/ingest.service.js';
import { openCliContext } from './cli-context.js';
import { folderProgressBar, folderSummary } from './folder-progress.js';

const { app, config } = await openCliContext();
try {
  const bar = folderProgressBar();
  const report = await app.get(IngestService).ingestFolder(config.seedDir, { onFile: ({ name, index, total }) => bar.file(name, index, total) });
  bar.stop();
  process.stderr.write(folderSummary(report));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (report.failed.length > 0) process.exitCode = 1;
} finally {
  await app.close();
}
