import { createServer } from 'node:net';
import { startChild, type Child } from './processes.js';

export interface RunningService extends Child {
  url: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The compiled service as the container image runs it (NODE_ENV=production,
 * which among other things turns off graphql-js's development-only checks),
 * on embedded PGlite in memory, quiet, and with the rate limit raised far above
 * what a benchmark sends.
 */
export async function startService(env: Record<string, string> = {}, nodeArgs: string[] = [], readyTimeoutMs = 180_000): Promise<RunningService> {
  const port = await freePort();
  const child = startChild([...nodeArgs, 'dist/apps/api/src/main.js'], {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'production',
    DATA_DIR: 'memory://',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '1000000',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`service exited (${child.process.exitCode}):\n${child.output()}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return { ...child, url };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await child.stop();
  throw new Error(`service not ready after ${readyTimeoutMs} ms:\n${child.output()}`);
}
