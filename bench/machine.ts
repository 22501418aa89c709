import { cpus, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  memoryGiB: number;
  platform: string;
}

/** What the figures were measured on: they mean little without it. */
export function machine(): Machine {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform} ${process.arch}`,
  };
}

export const describeMachine = (m: Machine): string =>
  `${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`;
