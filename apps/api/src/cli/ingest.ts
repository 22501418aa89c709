/** npm run ingest -- FILE [NAME]: ingest one notes document (txt or Markdown); the same name again replaces it. */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { IngestService } from '../ingest/ingest.service.js';
import { openCliContext } from './cli-context.js';
import { ingestProgressBar } from './progress-bar.js';

const [file, name] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: npm run ingest -- FILE [NAME]\n');
  process.exit(2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const content = readFileSync(path, 'utf8');
const { app } = await openCliContext();
const bar = ingestProgressBar(basename(path));
try {
  const report = await app.get(IngestService).ingest(name ?? basename(path), content, (p) => bar.update(p));
  bar.stop();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  await app.close();
}
