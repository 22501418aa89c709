/**
 * `npm run bench:search`: uncached search latency of the embedded engine at
 * scale, against a baseline measured in the same run on the same entries: a
 * plain MiniSearch index queried as the engine did before its own inverted
 * index (fields title/aliases/text, BM25+, prefix and typo matches, synonyms at
 * half weight, common terms dropped). No database: generated notes
 * (bench/generate-notes.ts, × the seed) are parsed and shaped as search entries
 * in this process; each text is tokenized once and shared by both indexes.
 *
 * Environment: BENCH_SEARCH_FACTORS (1,100,1000), BENCH_SEARCH_ROUNDS (3: every query, this many times).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { highlight } from '../apps/api/src/search/highlight.js';
import { EmbeddedSearchEngine } from '../apps/api/src/search/embedded-search.engine.js';
import { QueryExpander } from '../apps/api/src/search/query-expander.js';
import type { SearchDocument } from '../apps/api/src/search/search.types.js';
import { TextAnalyzer } from '../apps/api/src/search/text-analyzer.js';
import { loadOntology } from '../seed/ontology/load.js';
import { createMentionFinder } from '../seed/parser/linker.js';
import { parseDocument } from '../seed/parser/parse-document.js';
import { readableText } from '../seed/parser/topic-graph.js';
import type { ParsedSection } from '../seed/parser/types.js';
import { generateNotes } from './generate-notes.js';
import { describeMachine, machine } from './machine.js';
import { percentile } from './stats.js';

const factors = (process.env.BENCH_SEARCH_FACTORS ?? '1,100,1000').split(',').map(Number).filter((n) => n > 0);
const rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 3);
/** The query set of bench:scale (scale-worker.ts): 80 distinct queries, common words added to rare ones. */
const BASE_QUERIES = ['无头服务', 'headless service', '存活探针', 'rolling update', 'PersistentVolumeClaim', 'kube-proxy ipvs', 'StatefulSet 扩容', 'ingress tls'];
const VARIANTS = ['', 'pod', 'service', 'yaml', '部署', '节点', 'controller', 'volume', 'kubectl', '配置'];
const QUERIES = VARIANTS.flatMap((v) => BASE_QUERIES.map((q) => (v ? `${q} ${v}` : q)));
const log = (message: string) => process.stderr.write(`${message}\n`);

const ontology = loadOntology();
const finder = createMentionFinder(ontology);
const bySlug = new Map(ontology.entities.map((e) => [e.slug, e]));
const expander = new QueryExpander({ findMentions: (t) => finder.findMentions(t), entity: (s) => bySlug.get(s) });

/** Tokenizes each text once: both indexes read the same terms, and jieba is timed by neither. */
class SharedAnalyzer extends TextAnalyzer {
  private readonly memo = new Map<string, string[]>();
  override terms(text: string): string[] {
    let terms = this.memo.get(text);
    if (!terms) this.memo.set(text, (terms = super.terms(text)));
    return terms;
  }
}

function entries(factor: number): SearchDocument[] {
  const dir = mkdtempSync(join(tmpdir(), 'kubenotes-bench-search-'));
  try {
    const { files } = generateNotes(factor, dir);
    const out: SearchDocument[] = ontology.entities.map((e) => ({
      id: `entity:${e.slug}`, kind: 'entity', slug: e.slug, title: e.name, text: e.description, topicSlug: null, document: null, entityType: e.type, aliases: e.aliases,
    }));
    for (const file of files) {
      const name = file.slice(dir.length + 1);
      const visit = (section: ParsedSection, headings: string[], path: string) => {
        const slug = `${name}/${path}`;
        const text = readableText(section);
        const aliases = [...new Set(finder.findMentions(`${section.title}\n${text}`).flatMap((m) => { const e = bySlug.get(m.entitySlug); return e ? [e.name, ...e.aliases] : []; }))];
        out.push({ id: `topic:${slug}`, kind: 'topic', slug, title: section.title, text, topicSlug: slug, document: name, entityType: null, aliases, headings });
        section.snippets.forEach((s, i) => out.push({ id: `snippet:${slug}:${i}`, kind: 'snippet', slug: `${slug}:${i}`, title: `${section.title} (${s.kind})`, text: s.content, topicSlug: slug, document: name, entityType: null, aliases: [], headings }));
        section.children.forEach((child, i) => visit(child, [...headings, section.title], `${path}.${i}`));
      };
      parseDocument(name, readFileSync(file, 'utf8')).sections.forEach((s, i) => visit(s, [], String(i)));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The engine before its own index: MiniSearch over title/aliases/text, queried as it was. */
function baseline(analyzer: TextAnalyzer, documents: SearchDocument[]) {
  const index = new MiniSearch<Record<string, unknown>>({ idField: 'id', fields: ['title', 'aliases', 'text'], storeFields: ['kind'], tokenize: (t) => analyzer.terms(t), processTerm: (t) => t });
  const frequency = new Map<string, number>();
  for (const d of documents) {
    const record = { ...d, aliases: d.aliases.join('\n') };
    index.add(record);
    for (const term of new Set([d.title, record.aliases, d.text].flatMap((t) => analyzer.terms(t)))) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  const common = (terms: string[]) => {
    const rarer = terms.filter((t) => (frequency.get(t) ?? 0) <= documents.length * 0.1);
    return rarer.length ? rarer : terms;
  };
  const byId = new Map(documents.map((d) => [d.id, d]));
  return (q: string) => {
    const ownAll = analyzer.queryTerms(q);
    const own = common(ownAll);
    const expansion = common(analyzer.queryTerms(expander.expand(q).phrases.join('\n')).filter((t) => !ownAll.includes(t)));
    const isOwn = (i: number) => i < own.length;
    const results = index.search([...own, ...expansion].join(' '), {
      tokenize: (t) => t.split(' '), processTerm: (t) => t, boost: { title: 3, aliases: 2, text: 1 }, combineWith: 'OR',
      prefix: (t, i) => isOwn(i) && /^[\p{L}\p{N}]+$/u.test(t) && t.length >= 3,
      fuzzy: (t, i) => (isOwn(i) && !/\p{Script=Han}/u.test(t) && t.length >= 4 && !frequency.has(t) ? 0.2 : false),
      boostTerm: (_t, i) => (isOwn(i) ? 1 : 0.5),
    });
    // As the engine answered: the best ten, each with its highlight.
    return results.slice(0, 10).map((r) => highlight(byId.get(String(r.id))!.text, Object.keys(r.match)));
  };
}

async function time(search: (q: string) => unknown): Promise<{ p50: number; p99: number }> {
  for (const q of ['warm up', 'pod 预热', 'deployment']) await search(q);
  const latencies: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      await search(q);
      latencies.push(performance.now() - t);
    }
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const rows: string[] = [];
for (const factor of factors) {
  log(`${factor}×: generating and parsing`);
  const documents = entries(factor);
  const analyzer = new SharedAnalyzer(ontology.entities.flatMap((e) => [e.name, ...e.aliases].map((a) => a.normalize('NFKC').trim())));
  let started = performance.now();
  const engine = new EmbeddedSearchEngine(analyzer, expander);
  await engine.rebuild(documents);
  const tokenizeAndBuild = performance.now() - started;
  started = performance.now();
  const rebuilt = new EmbeddedSearchEngine(analyzer, expander);
  await rebuilt.rebuild(documents); // terms memoised now: the index build alone
  const build = performance.now() - started;
  started = performance.now();
  const old = baseline(analyzer, documents);
  const oldBuild = performance.now() - started;
  log(`${factor}×: ${documents.length} entries, built (tokenize+index ${(tokenizeAndBuild / 1000).toFixed(1)} s)`);
  // Alternate so load from others falls on both alike.
  const ours = await time((q) => rebuilt.search({ q, limit: 10 }));
  const theirs = await time(old);
  rows.push(`| ${factor}× | ${documents.length} | ${(build / 1000).toFixed(2)} | ${(oldBuild / 1000).toFixed(2)} | ${ours.p50.toFixed(2)} | ${ours.p99.toFixed(2)} | ${theirs.p50.toFixed(2)} | ${theirs.p99.toFixed(2)} | ${(theirs.p50 / ours.p50).toFixed(1)}× | ${(theirs.p99 / ours.p99).toFixed(1)}× |`);
  log(rows.at(-1)!);
}
process.stdout.write(`${describeMachine(machine())}\n\n| size | entries | index build s | baseline build s | search p50 ms | search p99 ms | baseline p50 ms | baseline p99 ms | p50 speed-up | p99 speed-up |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n${rows.join('\n')}\n`);
