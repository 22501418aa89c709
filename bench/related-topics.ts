/**
 * `npm run bench:links -- DIR [DIR...]`: what bounding each topic's candidates
 * (MAX_CANDIDATES) costs in link quality and saves in time. Each folder is parsed and linked
 * in-process (no database; a topic's mentions as the ingest finds them in its text), then
 * every topic's related topics are computed twice over the same topics: exactly (every
 * topic sharing a proposing entity is a candidate: the baseline) and bounded. Reports the
 * share of the exact best-LINKS_PER_TOPIC links the bounded run keeps, how many topics lose
 * any, and both times. `--scale N` adds N× the seed notes, generated (bench:scale's corpus).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listNotesFolder } from '../apps/api/src/ingest/notes-folder.js';
import { loadOntology } from '../seed/ontology/load.js';
import { createMentionFinder } from '../seed/parser/linker.js';
import { parseDocument } from '../seed/parser/parse-document.js';
import { LINKS_PER_TOPIC, MAX_CANDIDATES, relateTopics, type TopicEntities, type TopicLink } from '../seed/parser/related-topics.js';
import { buildTopicGraph } from '../seed/parser/topic-graph.js';
import { generateNotes } from './generate-notes.js';
import { describeMachine, machine } from './machine.js';

const { values: flags, positionals: dirs } = parseArgs({ allowPositionals: true, options: { scale: { type: 'string', multiple: true, default: [] } } });
if (dirs.length === 0 && flags.scale.length === 0) {
  process.stderr.write('usage: npm run bench:links -- [--scale N] DIR [DIR...]\n');
  process.exit(2);
}

async function topicsOf(dir: string): Promise<TopicEntities<number>[]> {
  const finder = createMentionFinder(loadOntology());
  const { files } = await listNotesFolder(dir);
  const topics: TopicEntities<number>[] = [];
  for (const file of files) {
    const content = readFileSync(file.path, 'utf8');
    if (!content.trim()) continue;
    const graph = buildTopicGraph(parseDocument(file.name, content), { findMentions: finder, slugTakenElsewhere: () => false, documentSlug: 'x' });
    for (const topic of graph) if (topic.mentions.length > 0) topics.push({ key: topics.length, entities: new Set(topic.mentions.map((m) => m.entitySlug)) });
  }
  return topics;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: Math.round(performance.now() - started) };
}

function compare(exact: TopicLink<number>[], bounded: TopicLink<number>[]) {
  const key = (l: TopicLink<number>) => `${l.from}>${l.to}`;
  const kept = new Set(bounded.map(key));
  const byTopic = new Map<number, TopicLink<number>[]>();
  for (const link of exact) byTopic.set(link.from, [...(byTopic.get(link.from) ?? []), link]);
  const lostRanks: number[] = [];
  let topicsLosing = 0;
  for (const links of byTopic.values()) {
    // exact is sorted by score, so a topic's links come best first: rank 1 is its best link.
    const missing = links.flatMap((l, rank) => (kept.has(key(l)) ? [] : [rank + 1]));
    lostRanks.push(...missing);
    if (missing.length > 0) topicsLosing++;
  }
  lostRanks.sort((a, b) => a - b);
  const medianLostRank = lostRanks.length ? lostRanks[Math.floor(lostRanks.length / 2)]! : 0;
  return { exactLinks: exact.length, keptShare: 1 - lostRanks.length / Math.max(1, exact.length), topicsWithLinks: byTopic.size, topicsLosing, medianLostRank };
}

const rows: string[] = [];
async function measure(label: string, dir: string): Promise<void> {
  const topics = await topicsOf(dir);
  const exact = timed(() => relateTopics(topics, { limitPerTopic: LINKS_PER_TOPIC, maxCandidates: Infinity }));
  const bounded = timed(() => relateTopics(topics, { limitPerTopic: LINKS_PER_TOPIC }));
  const c = compare(exact.value, bounded.value);
  const row = `| ${label} | ${topics.length} | ${c.exactLinks} | ${(c.keptShare * 100).toFixed(1)}% | ${c.topicsLosing} of ${c.topicsWithLinks} | ${c.medianLostRank || '–'} | ${exact.ms} | ${bounded.ms} | ${(bounded.ms / Math.max(1, exact.ms)).toFixed(2)} |`;
  process.stderr.write(`${row}\n`);
  rows.push(row);
}

for (const dir of dirs) await measure(dir, dir);
for (const factor of flags.scale.map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), `kubenotes-links-${factor}x-`));
  try {
    generateNotes(factor, dir);
    await measure(`${factor}× the seed (generated)`, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`${new Date().toISOString()} · ${describeMachine(machine())} · MAX_CANDIDATES ${MAX_CANDIDATES}, LINKS_PER_TOPIC ${LINKS_PER_TOPIC}`);
console.log('| corpus | topics with mentions | exact links | exact links kept | topics losing a link | median rank of a lost link | exact ms (baseline) | bounded ms | × baseline |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
