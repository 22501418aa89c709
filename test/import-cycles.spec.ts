import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../apps/api/src/common/project-root.js';

const require = createRequire(import.meta.url);

describe('the source tree', () => {
  it('has no import cycles, type-only imports included (dpdm)', () => {
    // dpdm's API does not load under Jest's ESM mode, its command does.
    const run = spawnSync(process.execPath, [
      require.resolve('dpdm/lib/bin/dpdm.js'), '--no-tree', '--no-warning', '--circular', '--no-progress',
      // Prisma's generated client has cycles of its own; it is not ours to shape.
      '--exclude', 'generated|node_modules', '--exit-code', 'circular:1',
      'apps/api/src/**/*.ts', 'seed/**/*.ts', 'scripts/**/*.ts',
    ], { cwd: projectRoot(), encoding: 'utf8' });
    expect({ status: run.status, cycles: run.stdout.split('\n').filter((line) => /^\s+\d+\)/.test(line)) }).toEqual({ status: 0, cycles: [] });
  }, 120_000);
});
