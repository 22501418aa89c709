import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The schema the app serves must equal the committed SDL, so a schema change
 * is always a reviewed diff. After an intended change: `npm run graphql:schema`.
 */
const SDL_FILE = new URL('../apps/api/src/graphql/schema.graphql', import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { ready: false }); // the schema needs no data
}, 120_000);
afterAll(() => t?.close());

it('serves exactly the committed schema.graphql', () => {
  const served = `${printSchema(t.app.get(GraphQLSchemaHost).schema)}\n`;
  if (process.env.UPDATE_SDL === '1') writeFileSync(SDL_FILE, served);
  expect(served).toBe(readFileSync(SDL_FILE, 'utf8'));
});
