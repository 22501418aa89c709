import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './service-process.js';

/**
 * Redis for tests: each test that needs one starts its own redis-server on a free port, so no
 * test ever shares counters with another or stops the machine's shared Redis (6379). Where
 * redis-server is missing the tests skip with a message, except in CI (CI=true, which .ci/run
 * sets), where they must run: there a missing Redis fails them.
 */
export const IN_CI = process.env.CI === 'true';

export const REDIS_SERVER_INSTALLED = spawnSync('redis-server', ['--version']).status === 0;

/** True, after a warning naming what is skipped, when redis-server is missing outside CI. */
export function skipWithoutRedis(what: string): boolean {
  if (REDIS_SERVER_INSTALLED || IN_CI) return false;
  console.warn(`${what} skipped: redis-server is not installed (in CI this fails instead)`);
  return true;
}

export interface RedisServer {
  port: number;
  url: string;
  /** `redis-cli shutdown nosave`, then waits for the process to exit. */
  stop(): Promise<void>;
  /** Starts a redis-server on the same port again. */
  restart(): Promise<void>;
  /** SIGSTOP: connections stay open, nothing is answered (a Redis that hangs). */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
}

export async function startRedisServer(): Promise<RedisServer> {
  if (!REDIS_SERVER_INSTALLED) throw new Error('redis-server is not installed: CI needs it (.ci/run installs and starts Redis)');
  const port = await freePort();
  let child = await launch(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGCONT'); // a paused server could not answer the shutdown
      spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
      await exited;
    },
    async restart() {
      child = await launch(port);
    },
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG') {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}
