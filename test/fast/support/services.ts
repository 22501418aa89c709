import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { pino } from 'pino';
import { LOGGER } from '../../../apps/api/src/common/logger.js';
import { loadConfig, APP_CONFIG, type AppConfig } from '../../../apps/api/src/config/app-config.js';
import { ContentChangesModule } from '../../../apps/api/src/content-changes/content-changes.module.js';
import { DatabaseService } from '../../../apps/api/src/database/database.service.js';
import { DocumentsModule } from '../../../apps/api/src/documents/documents.module.js';
import { EntitiesModule } from '../../../apps/api/src/entities/entities.module.js';
import { GraphModule } from '../../../apps/api/src/graph/graph.module.js';
import { IngestModule } from '../../../apps/api/src/ingest/ingest.module.js';
import { IngestService } from '../../../apps/api/src/ingest/ingest.service.js';
import { TopicsModule } from '../../../apps/api/src/topics/topics.module.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/**
 * The fast tier: the services and repositories of ingest, topics, entities, graph and documents over a
 * real database, in a Nest testing module without HTTP, GraphQL, search or start-up work.
 *
 * On PGlite (no DATABASE_URL) every file starts from a copy of one migrated template: migrating costs
 * seconds, loading a dump a fraction of one. The template is kept in the OS temp folder under a hash of
 * the migrations and the PGlite version, so it is built once per machine and never used stale.
 * With DATABASE_URL (CI's PostgreSQL run) each file gets a fresh database, migrated (fast on a server).
 */
const MIGRATIONS = join(process.cwd(), 'prisma', 'migrations');

function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(JSON.parse(readFileSync(join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version);
  for (const dir of readdirSync(MIGRATIONS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    hash.update(dir).update(readFileSync(join(MIGRATIONS, dir, 'migration.sql')));
  }
  return hash.digest('hex').slice(0, 16);
}

/** A migrated PGlite, loaded from the template dump (made first when missing). */
async function clonedPGlite(): Promise<PGlite> {
  const path = join(tmpdir(), `kubenotes-pglite-template-${templateKey()}.tar.gz`);
  if (existsSync(path)) return PGlite.create({ loadDataDir: new Blob([readFileSync(path)]) });
  const pglite = await PGlite.create('memory://');
  const database = DatabaseService.overPGlite(pglite);
  await database.migrate(MIGRATIONS);
  const dump = await pglite.dumpDataDir('gzip');
  // Written beside, then renamed: a parallel worker never reads half a file.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
  return pglite;
}

const READ_MODULES = [ContentChangesModule, IngestModule, TopicsModule, EntitiesModule, GraphModule, DocumentsModule];

@Module({})
class FastRootModule {
  static forRoot(config: AppConfig, database: DatabaseService): DynamicModule {
    return {
      module: FastRootModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: pino({ level: 'silent' }) },
        { provide: DatabaseService, useValue: database },
      ],
      exports: [APP_CONFIG, LOGGER, DatabaseService],
    };
  }
}

export interface Services {
  database: DatabaseService;
  /** A provider of the current module (IngestService, TopicsService, …). */
  get<T>(type: Type<T>): T;
  /** A new module over the same data, as a restarted process would be (optionally with other env). */
  restart(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/** The services over a migrated database with the ontology stored; `seed` also ingests seed/notes. */
export async function startServices(options: { env?: Record<string, string>; seed?: boolean } = {}): Promise<Services> {
  const testDatabase: TestDatabase = await createTestDatabase();
  const database = testDatabase.databaseUrl
    ? await DatabaseService.open({ databaseUrl: testDatabase.databaseUrl, dataDir: 'memory://', dbConnectTimeoutMs: 3000 })
    : DatabaseService.overPGlite(await clonedPGlite());
  if (testDatabase.databaseUrl) await database.migrate(MIGRATIONS);

  let module: TestingModule;
  const open = async (env: Record<string, string>) => {
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory://', ...env });
    module = await Test.createTestingModule({ imports: [FastRootModule.forRoot(config, database), ...READ_MODULES] }).compile();
    await module.init();
    await module.get(IngestService).syncOntology();
  };
  await open(options.env ?? {});
  if (options.seed) await module!.get(IngestService).ingestFolder('seed/notes');
  return {
    database,
    get: (type) => module.get(type, { strict: false }),
    async restart(env = {}) {
      await module.close();
      await open(env);
    },
    async close() {
      await module.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}
