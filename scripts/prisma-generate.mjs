// Generates the Prisma client (generated/prisma, ignored by git) on npm install.
// `prisma generate` needs no engine, but the CLI checks that a schema-engine
// binary exists before it runs and would try to download one; pointing the
// variable at any existing file (node itself) satisfies that check offline.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
const result = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
