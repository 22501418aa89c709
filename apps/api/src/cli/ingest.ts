/**
 * npm run ingest -- PATH [NAME] [--prune]
 * PATH is a notes file (stored as NAME, default its file name) or a folder, read
 * recursively (each file's name is its path inside the folder). The same name again
 * replaces that document; --prune removes documents whose file is gone from the folder.
 */
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { IngestService, MAX_DOCUMENT_CHARS } from '../ingest/ingest.service.js';
import { readNoteFile } from '../ingest/notes-folder.js';
import { openCliContext } from './cli-context.js';
import { folderProgressBar, folderSummary } from './folder-progress.js';
import { ingestProgressBar } from './progress-bar.js';

const args = process.argv.slice(2);
const prune = args.includes('--prune');
const [target, name] = args.filter((arg) => arg !== '--prune');
if (!target || args.some((arg) => arg.startsWith('--') && arg !== '--prune')) {
  process.stderr.write('usage: npm run ingest -- PATH [NAME] [--prune]   (PATH: a notes file or a folder of them)\n');
  process.exit(2);
}
const path = resolve(process.env.INIT_CWD ?? process.cwd(), target);
const isFolder = statSync(path, { throwIfNoEntry: false })?.isDirectory();
if (isFolder === undefined) {
  process.stderr.write(`kubenotes: no such file or folder: ${path}\n`);
  process.exit(2);
}
const { app } = await openCliContext();
try {
  const ingest = app.get(IngestService);
  if (isFolder) {
    const bar = folderProgressBar();
    const report = await ingest.ingestFolder(path, { prune, onFile: ({ name: file, index, total }) => bar.file(file, index, total) });
    bar.stop();
    process.stderr.write(folderSummary(report));
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.failed.length > 0) process.exitCode = 1;
  } else {
    const text = await readNoteFile(path, MAX_DOCUMENT_CHARS);
    if ('skipped' in text) {
      process.stderr.write(`kubenotes: ${path} was not ingested: ${text.skipped}\n`);
      process.exitCode = 1;
    } else {
      const bar = ingestProgressBar(basename(path));
      const report = await ingest.ingest(name ?? basename(path), text.content, (p) => bar.update(p));
      bar.stop();
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    }
  }
} finally {
  await app.close();
}
