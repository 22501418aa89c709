import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { projectRoot } from '../apps/api/src/common/project-root.js';

export const ROOT = projectRoot();

/** A child process we started, with the end of what it wrote kept for error messages. */
export interface Child {
  process: ChildProcess;
  output(): string;
  /** Everything it wrote to stdout (a report: a folder ingest's lists a thousand files, more than output() keeps). */
  stdout(): string;
  stop(): Promise<void>;
}

export function startChild(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stdout: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout.push(chunk.toString());
    output = (output + chunk.toString()).slice(-20_000);
  });
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    output: () => output,
    stdout: () => stdout.join(''),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The first stdout line of a child that is JSON (how our children report their port or results). */
export function firstJsonLine<T>(child: Child): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.process.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      lines.close();
      resolve(JSON.parse(line) as T);
    });
    child.process.once('exit', (code) => reject(new Error(`child exited (${code}) before reporting:\n${child.output()}`)));
  });
}
