/** What an evaluation run prints: ingest failures, each miss with what came instead, a summary table. */
import type { CaseOutcome, Figures, IngestSummary } from './evaluate.js';
import { answeringDocuments, expectation, isDocumentCase } from './questions.js';
import { figures } from './evaluate.js';

export interface CorpusResult {
  label: string;
  ingest: IngestSummary;
  outcomes: CaseOutcome[];
  /** Checks against the targets, e.g. "search recall@5 ≥ 0.95". */
  targets: Target[];
}

export interface Target {
  name: string;
  value: (f: Figures) => number;
  min: number;
}

/** A question missed: the answer is not in the first `k` (3 for the seed's topic questions' search, as before). */
function isMiss(o: CaseOutcome, searchK: number): boolean {
  return o.error !== undefined || !o.search.rank || o.search.rank > searchK || !o.retrieve.rank || o.retrieve.rank > 5;
}

export function formatCorpus(result: CorpusResult, searchK: number): string {
  const lines = [`\n== ${result.label}: ${result.ingest.files} files (${result.ingest.ingested} ingested in ${(result.ingest.ms / 1000).toFixed(1)} s), ${result.outcomes.length} questions`];
  if (result.ingest.failures.length > 0) {
    lines.push(`ingest failed for ${result.ingest.failures.length} of ${result.ingest.files} files:`);
    for (const f of result.ingest.failures) lines.push(`  ${f.status || 'error'}  ${f.name}  ${f.detail}`);
  }
  const failed = new Set(result.ingest.failures.map((f) => f.name));
  for (const o of result.outcomes.filter((o) => isMiss(o, searchK))) {
    const docs = isDocumentCase(o.case) ? answeringDocuments(o.case) : [];
    const note = docs.length > 0 && docs.every((d) => failed.has(d)) ? '  (its document failed to ingest)' : '';
    lines.push(`MISS search ${rank(o.search.rank)} retrieve ${rank(o.retrieve.rank)}  ${o.case.q}  →  ${expectation(o.case)}${note}`);
    if (o.error) lines.push(`       error: ${o.error}`);
    else {
      lines.push(`       search:   ${o.search.top.join(' | ') || '(nothing)'}`);
      lines.push(`       retrieve: ${o.retrieve.top.join(' | ') || '(nothing)'}`);
    }
  }
  return lines.join('\n');
}

export function formatSummary(results: readonly CorpusResult[]): string {
  const header = ['corpus', 'files', 'failed', 'questions', 'search R@3', 'search R@5', 'search MRR', 'retrieve R@5', 'retrieve MRR', 'section R@5 s/r'];
  const rows: string[][] = [];
  for (const r of results) {
    const f = figures(r.outcomes);
    rows.push([r.label, String(r.ingest.files), String(r.ingest.failures.length), String(f.cases), num(f.searchRecallAt3), num(f.searchRecallAt5),
      num(f.searchMrr), num(f.retrieveRecallAt5), num(f.retrieveMrr), `${num(f.searchSectionRecallAt5)}/${num(f.retrieveSectionRecallAt5)}`]);
    for (const tag of tagsOf(r.outcomes)) {
      const t = figures(r.outcomes.filter((o) => o.case.tags.includes(tag)));
      rows.push([`  ${tag}`, '', '', String(t.cases), num(t.searchRecallAt3), num(t.searchRecallAt5), num(t.searchMrr), num(t.retrieveRecallAt5), num(t.retrieveMrr), '']);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = ['\n' + line(header), ...rows.map(line)];
  for (const r of results) {
    const f = figures(r.outcomes);
    for (const t of r.targets) {
      const value = t.value(f);
      out.push(`${value >= t.min ? 'met    ' : 'NOT MET'}  ${r.label}: ${t.name} ≥ ${t.min} (is ${num(value)})`);
    }
  }
  return out.join('\n') + '\n';
}

export function targetsMet(results: readonly CorpusResult[]): boolean {
  return results.every((r) => r.targets.every((t) => t.value(figures(r.outcomes)) >= t.min));
}

function tagsOf(outcomes: readonly CaseOutcome[]): string[] {
  return [...new Set(outcomes.flatMap((o) => o.case.tags))].sort();
}

function rank(r: number | null): string {
  return String(r ?? '-').padStart(2);
}

function num(n: number): string {
  return Number.isNaN(n) ? 'n/a' : n.toFixed(3);
}
