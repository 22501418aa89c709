import cliProgress from 'cli-progress';
import type { FolderIngestReport } from '../ingest/ingest.types.js';

/** A progress bar over a folder's files on stderr, or a plain line per file when stderr is not a terminal. */
export function folderProgressBar(): { file(name: string, index: number, total: number): void; stop(): void } {
  if (!process.stderr.isTTY) {
    return {
      file: (name, index, total) => process.stderr.write(`[${index + 1}/${total}] ${name}\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '[{bar}] {value}/{total} files | {file}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    file(name, index, total) {
      if (!started) {
        bar.start(total, 0, { file: name });
        started = true;
      }
      bar.update(index, { file: name });
    },
    stop() {
      if (started) bar.update(bar.getTotal(), { file: 'done' });
      bar.stop();
    },
  };
}

/** The report in a few lines a person reads: counts, then every file not ingested and why. */
export function folderSummary(report: FolderIngestReport): string {
  const lines = [
    `${report.folder}: ${report.added.length} added, ${report.replaced.length} replaced, ${report.unchanged.length} unchanged, ` +
      `${report.skipped.length} skipped, ${report.failed.length} failed, ${report.pruned.length} pruned`,
    ...report.skipped.map((s) => `  skipped ${s.name}: ${s.reason}`),
    ...report.failed.map((f) => `  failed  ${f.name}: ${f.error}`),
    ...report.pruned.map((name) => `  pruned  ${name}`),
  ];
  return `${lines.join('\n')}\n`;
}
