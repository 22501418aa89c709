import cliProgress from 'cli-progress';
import type { IngestProgress } from '../ingest/ingest.types.js';

/** A progress bar on stderr for one ingest, or plain lines when stderr is not a terminal (CI logs). */
export function ingestProgressBar(label: string): { update(progress: IngestProgress): void; stop(): void } {
  if (!process.stderr.isTTY) {
    return {
      update: (p) => process.stderr.write(`${label}: ${p.phase} ${p.done}/${p.total}\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total} topics | {phase}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      if (!started) {
        bar.start(p.total, 0, { phase: p.phase });
        started = true;
      }
      bar.update(p.done, { phase: p.phase });
    },
    stop: () => bar.stop(),
  };
}
