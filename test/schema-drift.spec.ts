import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { schemaDrift } from './support/schema-drift.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const schema = readFileSync(new URL('../prisma/schema.prisma', import.meta.url), 'utf8');

describe('migrations agree with schema.prisma', () => {
  let testDb: TestDatabase;
  let database: DatabaseService;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await DatabaseService.open({ ...testDb, dbConnectTimeoutMs: 3000 });
    await database.migrate();
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('has every model, column, type, nullability, index, foreign key and enum of the schema, and nothing else', async () => {
    expect(await database.sql((db) => schemaDrift(schema, db))).toEqual([]);
  });

  it('reports a column added to the schema without a migration', async () => {
    const edited = schema.replace('  lang         String\n', '  lang         String\n  summary      String?\n');
    expect(edited).not.toBe(schema);
    expect(await database.sql((db) => schemaDrift(edited, db))).toEqual(['column topics.summary is missing']);
  });

  it('reports a changed nullability, a dropped index and an extra column', async () => {
    const edited = schema
      .replace('  body         String\n', '  body         String?\n')
      .replace('  @@index([type])\n', '')
      .replace('  lineCount   Int      @map("line_count")\n', '');
    expect(await database.sql((db) => schemaDrift(edited, db))).toEqual(
      expect.arrayContaining([
        'column topics.body is NOT NULL, schema says nullable',
        'column documents.line_count is not in the schema',
        'index entities(type) is not in the schema',
      ]),
    );
  });
});
