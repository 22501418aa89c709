/**
 * Measures the ontology and the manifest check on a folder of Markdown notes:
 *   npm run build --silent && tsc -p bench/tsconfig.json && node dist/bench/manifest-corpus.js <folder> [<folder>...]
 *
 * Per folder: how many Markdown sections (parseDocument) link to at least one entity
 * (createMentionFinder over the ontology), how many Kubernetes objects its ```yaml fences hold, the
 * share whose kind resolves to an entity (all kinds, and built-in kinds only), the findings per rule,
 * and the kinds that resolve to nothing. Fences are found with a line regex: a quick extraction for
 * measuring, not the parser's. Prints JSON.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadKinds, parseApiVersion, resolveKind } from '../seed/ontology/kinds.js';
import { loadOntology } from '../seed/ontology/load.js';
import { checkManifests, ManifestYamlError } from '../seed/manifests/index.js';
import { createMentionFinder } from '../seed/parser/linker.js';
import { parseDocument } from '../seed/parser/parse-document.js';
import type { ParsedSection } from '../seed/parser/types.js';

/** Markdown notes and plain YAML manifests (deploy/k8s) under a folder. */
function noteFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name.startsWith('.') || name === 'node_modules' ? [] : noteFiles(path);
    return /\.(md|markdown|ya?ml)$/i.test(name) ? [path] : [];
  });
}

/** ```yaml / ```yml fences with the line their content starts on. */
function yamlFences(text: string): Array<{ content: string; line: number }> {
  const lines = text.split('\n');
  const fences: Array<{ content: string; line: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(ya?ml)\b/i.exec(lines[i]!);
    if (!open) continue;
    const [indent, marker] = [open[1]!.length, open[2]!];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(marker); j++) body.push(lines[j]!.slice(Math.min(indent, lines[j]!.search(/\S|$/))));
    fences.push({ content: body.join('\n'), line: i + 2 });
    i = j;
  }
  return fences;
}

function* allSections(sections: readonly ParsedSection[]): Generator<ParsedSection> {
  for (const s of sections) { yield s; yield* allSections(s.children); }
}

async function measure(dir: string) {
  const ontology = loadOntology();
  const finder = createMentionFinder(ontology);
  // A built-in manifest: a built-in kind in one of the groups it is served in (not Knative's Service).
  const builtIn = new Map([...loadKinds().values()].filter((k) => k.builtIn).map((k) => [k.kind, new Set(k.apiVersions.map((v) => parseApiVersion(v).group))]));
  let sections = 0;
  let linked = 0;
  let fences = 0;
  let unparsable = 0;
  let manifests = 0;
  let withEntity = 0;
  let builtInManifests = 0;
  let builtInWithEntity = 0;
  const byRule: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const unresolved: Record<string, number> = {};
  const examples: Record<string, string[]> = {};
  for (const file of noteFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const isYaml = /\.ya?ml$/i.test(file);
    if (!isYaml) {
      for (const s of allSections(parseDocument(relative(dir, file), text).sections)) {
        sections++;
        if (finder.findMentions(`${s.title}\n${s.body}`).length > 0) linked++;
      }
    }
    for (const fence of isYaml ? [{ content: text, line: 1 }] : yamlFences(text)) {
      fences++;
      let result;
      try {
        result = await checkManifests(fence.content, { lineOffset: fence.line - 1 });
      } catch (err) {
        if (err instanceof ManifestYamlError) { unparsable++; continue; }
        throw err;
      }
      for (const m of result.documents) {
        manifests++;
        byStatus[m.status] = (byStatus[m.status] ?? 0) + 1;
        if (resolveKind(m.apiVersion, m.kind, ontology)) withEntity++;
        else unresolved[`${m.apiVersion} ${m.kind}`] = (unresolved[`${m.apiVersion} ${m.kind}`] ?? 0) + 1;
        if (builtIn.get(m.kind)?.has(parseApiVersion(m.apiVersion).group)) {
          builtInManifests++;
          if (m.entity) builtInWithEntity++;
        }
        for (const f of m.findings) {
          byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
          const list = (examples[f.rule] ??= []);
          if (list.length < (process.env.EXAMPLES ? Number(process.env.EXAMPLES) : 8)) list.push(`${relative(dir, file)}:${f.line} ${m.kind} ${f.path} ${f.message.slice(0, 100)}`);
        }
      }
    }
  }
  const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  return {
    folder: dir, entities: ontology.entities.length,
    sections, linkedSections: linked, linkedShare: pct(linked, sections),
    yamlFences: fences, unparsableFences: unparsable, manifests,
    kindResolved: pct(withEntity, manifests), builtInManifests, builtInKindResolved: pct(builtInWithEntity, builtInManifests),
    byStatus, findingsByRule: byRule,
    unresolvedKinds: Object.fromEntries(Object.entries(unresolved).sort((a, b) => b[1] - a[1]).slice(0, 25)),
    examples,
  };
}

const folders = process.argv.slice(2);
if (folders.length === 0) {
  process.stderr.write('usage: node dist/bench/manifest-corpus.js <folder> [<folder>...]\n');
  process.exit(2);
}
for (const dir of folders) process.stdout.write(`${JSON.stringify(await measure(dir), null, 2)}\n`);
