import { startService, type ServiceProcess } from './service-process.js';

/** A compiled service process, ready, with what tests of several processes need. */
export interface Replica extends ServiceProcess {
  url: string;
  /** The JSON log lines whose `msg` is `msg`. */
  logged(msg: string): Record<string, unknown>[];
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export async function startReplica(env: Record<string, string>, readyWithinMs = 120_000): Promise<Replica> {
  const service = await startService(env);
  const url = `http://127.0.0.1:${service.port}`;
  const replica: Replica = {
    ...service,
    url,
    logged: (msg) =>
      service
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry['msg'] === msg),
    async stop() {
      const { child } = service;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await service.exited;
      clearTimeout(timer);
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`service exited during start-up:\n${service.output()}`);
    if ((await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200) return replica;
    if (Date.now() > deadline) {
      await replica.stop();
      throw new Error(`service not ready within ${readyWithinMs} ms:\n${service.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Polls `check` every 50 ms until it returns true; resolves with the ms it took, or rejects after `withinMs`. */
export async function within(withinMs: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
