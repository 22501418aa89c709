/**
 * `npm run bench:coverage -- [--unlinked N] [--links N] DIR [DIR...]`: how much of a folder of
 * notes the typed graph covers once ingested (in-process, embedded PGlite in memory): topics
 * linked to at least one entity, manifests linked to their kind's entity, manifests by status,
 * provisional kinds. `--unlinked N` lists N unlinked topics (document, line, title, start of the
 * text) to see what the ontology misses; `--links N` lists N random topic→entity links
 * (a fixed sample for a given corpus) to judge their precision by hand.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createApp } from '../apps/api/src/app.factory.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { DatabaseService } from '../apps/api/src/database/database.service.js';
import { IngestService } from '../apps/api/src/ingest/ingest.service.js';

const { values: flags, positionals: dirs } = parseArgs({
  allowPositionals: true,
  options: { unlinked: { type: 'string', default: '0' }, links: { type: 'string', default: '0' } },
});
const unlinkedToList = Number(flags.unlinked);
const linksToList = Number(flags.links);
if (dirs.length === 0 || !Number.isInteger(unlinkedToList) || !Number.isInteger(linksToList)) {
  process.stderr.write('usage: npm run bench:coverage -- [--unlinked N] [--links N] DIR [DIR...]\n');
  process.exit(2);
}
const oneLine = (text: string, max: number) => text.replace(/\s+/g, ' ').trim().slice(0, max);

for (const dir of dirs) {
  const config = loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SEED_DIR: dir });
  const app = await createApp(config, pino({ level: 'silent' }));
  await app.init();
  try {
    const database = app.get(DatabaseService);
    await database.migrate();
    const ingest = app.get(IngestService);
    await ingest.syncOntology();
    const report = await ingest.ingestFolder(dir);
    const [row] = await database.sql((sql) => sql.query<Record<string, number>>(`
      SELECT
        (SELECT count(*) FROM topics)::int AS topics,
        (SELECT count(*) FROM topics t WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.topic_id = t.id))::int AS linked,
        (SELECT count(*) FROM snippets WHERE manifest_kind IS NOT NULL)::int AS manifests,
        (SELECT count(*) FROM snippets WHERE manifest_kind IS NOT NULL AND manifest_entity_id IS NOT NULL)::int AS manifests_linked,
        (SELECT count(*) FROM snippets s JOIN entities e ON e.id = s.manifest_entity_id WHERE NOT e.provisional)::int AS manifests_builtin,
        (SELECT count(*) FROM entities WHERE provisional)::int AS provisional_kinds,
        (SELECT count(*) FROM snippets WHERE manifest_status = 'ok')::int AS ok,
        (SELECT count(*) FROM snippets WHERE manifest_status = 'deprecated')::int AS deprecated,
        (SELECT count(*) FROM snippets WHERE manifest_status = 'removed')::int AS removed,
        (SELECT count(*) FROM snippets WHERE manifest_status = 'invalid')::int AS invalid`));
    const share = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
    process.stdout.write(
      `${dir}: ${report.added.length} documents (${report.skipped.length} skipped, ${report.failed.length} failed)\n` +
        `  topics linked to an entity: ${row!.linked}/${row!.topics} = ${share(row!.linked!, row!.topics!)}\n` +
        `  manifests linked to their kind: ${row!.manifests_linked}/${row!.manifests} = ${share(row!.manifests_linked!, row!.manifests!)}` +
        ` (${row!.manifests_builtin} to built-in or curated kinds, ${row!.provisional_kinds} provisional kinds)\n` +
        `  manifests: ${row!.ok} ok, ${row!.deprecated} deprecated, ${row!.removed} removed, ${row!.invalid} invalid\n`,
    );
    if (unlinkedToList > 0) {
      const unlinked = await database.sql((sql) => sql.query<{ document: string; line: number; title: string; body: string }>(`
        SELECT d.name AS document, t.line_start AS line, t.title, t.body
        FROM topics t JOIN documents d ON d.id = t.document_id
        WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.topic_id = t.id)
        ORDER BY d.name, t.position LIMIT $1`, [unlinkedToList]));
      process.stdout.write(`  unlinked topics (first ${unlinked.length}):\n`);
      for (const t of unlinked) process.stdout.write(`    ${t.document}:${t.line} "${t.title}" | ${oneLine(t.body, 100)}\n`);
    }
    if (linksToList > 0) {
      // md5 of the pair orders the sample: the same corpus and ontology give the same sample.
      const links = await database.sql((sql) => sql.query<{ document: string; line: number; title: string; entity: string }>(`
        SELECT d.name AS document, t.line_start AS line, t.title, e.slug AS entity
        FROM mentions m JOIN topics t ON t.id = m.topic_id JOIN documents d ON d.id = t.document_id
        JOIN entities e ON e.id = m.entity_id
        ORDER BY md5(t.slug || '/' || e.slug) LIMIT $1`, [linksToList]));
      process.stdout.write(`  sample of links (${links.length}):\n`);
      for (const l of links) process.stdout.write(`    ${l.entity} <- ${l.document}:${l.line} "${l.title}"\n`);
    }
  } finally {
    await app.close();
  }
}
