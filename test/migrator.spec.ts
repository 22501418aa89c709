import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubenotes-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migration runner', () => {
  let testDb: TestDatabase;
  let database: DatabaseService;
  beforeEach(async () => {
    testDb = await createTestDatabase();
    database = await DatabaseService.open({ ...testDb, dbConnectTimeoutMs: 3000 });
  });
  afterEach(async () => {
    await database.close();
    await testDb.drop();
  });

  it('applies the project migrations once and records them as Prisma Migrate does', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../prisma/migrations/', import.meta.url);
    const names = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect(names[0]).toBe('20261127000000_init');
    const first = await database.migrate();
    expect(first.applied).toEqual(names);
    const second = await database.migrate();
    expect(second).toEqual({ applied: [], alreadyApplied: names });
    const rows = await database.sql((db) =>
      db.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      ),
    );
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = readFileSync(new URL(`${row.migration_name}/migration.sql`, dir));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies new migrations in name order', async () => {
    const dir = migrationsDir({
      '2_second': 'ALTER TABLE t ADD COLUMN b int;',
      '1_first': 'CREATE TABLE t (a int);',
    });
    expect((await database.migrate(dir)).applied).toEqual(['1_first', '2_second']);
    const cols = await database.sql((db) =>
      db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position"),
    );
    expect(cols.map((c) => c.column_name)).toEqual(['a', 'b']);
  });

  it('rolls a failing migration back whole and records nothing', async () => {
    const dir = migrationsDir({ '1_bad': 'CREATE TABLE half (a int); SELECT no_such_function();' });
    await expect(database.migrate(dir)).rejects.toThrow(/1_bad failed and was rolled back/);
    const tables = await database.sql((db) => db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half'"));
    expect(tables).toHaveLength(0);
    const rows = await database.sql((db) => db.query('SELECT 1 FROM "_prisma_migrations"'));
    expect(rows).toHaveLength(0);
  });

  it('refuses a migration edited after it was applied', async () => {
    await database.migrate(migrationsDir({ '1_first': 'CREATE TABLE t (a int);' }));
    await expect(database.migrate(migrationsDir({ '1_first': 'CREATE TABLE t (a bigint);' }))).rejects.toThrow(/edited after it was applied/);
  });

  it('refuses a database that has migrations this code does not know', async () => {
    await database.migrate(migrationsDir({ '1_first': 'CREATE TABLE t (a int);', '2_newer': 'CREATE TABLE u (a int);' }));
    await expect(database.migrate(migrationsDir({ '1_first': 'CREATE TABLE t (a int);' }))).rejects.toThrow(/2_newer/);
  });
});
