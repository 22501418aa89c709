/** npm run seed: ingest every notes file in SEED_DIR (default seed/notes); unchanged files are skipped. */
import { IngestService } from '../ingest/ingest.service.js';
import { openCliContext } from './cli-context.js';
import { ingestProgressBar } from './progress-bar.js';

const { app, config } = await openCliContext();
const ingest = app.get(IngestService);
let bar: ReturnType<typeof ingestProgressBar> | undefined;
let current = '';
const reports = await ingest.ingestFolder(config.seedDir, (file, progress) => {
  if (file !== current) {
    bar?.stop();
    bar = ingestProgressBar(file);
    current = file;
  }
  bar!.update(progress);
});
bar?.stop();
process.stdout.write(`${JSON.stringify({ documents: reports }, null, 2)}\n`);
await app.close();
