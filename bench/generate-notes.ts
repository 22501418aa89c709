/**
 * Synthetic notes for the scale benchmark: `factor` × the seed's size, in files
 * about the size of the seed, in the seed's own style (`####…` headers, Chinese
 * and English prose, YAML manifests, shell sessions). Sections are recombined
 * from the seed (so the parser and linker meet real text) with generated prose,
 * manifests and kubectl sessions mixed in. Deterministic for a given seed.
 *
 *   node dist/bench/generate-notes.js <factor> <outDir> [seed]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../apps/api/src/common/project-root.js';
import { matchNotesHeader } from '../seed/parser/headers.js';

export const SEED_NOTES = join(projectRoot(), 'seed/notes/k8s-notes.txt');

interface SeedSection {
  title: string;
  lines: string[];
}

/** mulberry32: tiny, fast and good enough for picking sections; Math.random cannot be seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitSections(text: string): SeedSection[] {
  const sections: SeedSection[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const header = matchNotesHeader(line);
    if (header && header.title) sections.push({ title: header.title, lines: [] });
    else if (!header) sections.at(-1)?.lines.push(line);
  }
  return sections.filter((s) => s.lines.some((l) => l.trim()));
}

const KINDS = [
  ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['v1', 'Service'],
  ['v1', 'ConfigMap'], ['batch/v1', 'Job'], ['networking.k8s.io/v1', 'Ingress'], ['policy/v1', 'PodDisruptionBudget'],
] as const;
const NAMES = ['web', 'api', 'cache', 'queue', 'mysql', 'nginx', 'redis', 'gateway', 'worker', 'auth'];
const ZH = [
  '当 {a} 与 {b} 一起使用时，需要注意它们的生命周期并不相同。',
  '{a} 由 kube-controller-manager 负责调谐，保证实际状态与期望状态一致。',
  '在生产环境中，通常为 {a} 配置存活探针和就绪探针，避免流量打到未就绪的 Pod。',
  '如果 {a} 删除了，{b} 中的数据仍然存在，除非回收策略是 Delete。',
  '无头服务（headless service）没有 ClusterIP，DNS 直接返回 {a} 的地址。',
  '滚动更新时 {a} 会逐个替换旧的 Pod，maxSurge 和 maxUnavailable 控制节奏。',
];
const EN = [
  'A {a} selects its Pods by label, so a typo in the selector leaves it with no endpoints.',
  'The readiness probe decides whether the {a} receives traffic; the liveness probe restarts it.',
  'Use a NodePort or a LoadBalancer Service to reach the {a} from outside the cluster.',
  'Scaling a {a} down removes Pods in reverse ordinal order, one at a time.',
  'A ConfigMap mounted as a volume into the {a} is updated in place after a short delay.',
];
const TERMS = ['Pod', 'Deployment', 'StatefulSet', 'Service', 'PV', 'PVC', 'Ingress', 'DaemonSet', 'ReplicaSet', 'ConfigMap', 'kube-proxy', 'etcd'];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function prose(rand: () => number, lines: number): string[] {
  return Array.from({ length: lines }, () =>
    pick(rand, rand() < 0.6 ? ZH : EN).replace('{a}', pick(rand, TERMS)).replace('{b}', pick(rand, TERMS)),
  );
}

function manifest(rand: () => number): string[] {
  const [apiVersion, kind] = pick(rand, KINDS);
  const name = `${pick(rand, NAMES)}-${Math.floor(rand() * 1000)}`;
  return [
    `apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, '  labels:', `    app: ${name}`,
    'spec:', `  replicas: ${1 + Math.floor(rand() * 5)}`, '  selector:', '    matchLabels:', `      app: ${name}`,
  ];
}

function shellSession(rand: () => number): string[] {
  const name = pick(rand, NAMES);
  const ip = `10.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`;
  return [
    `$ kubectl get pods -l app=${name} -o wide`,
    'NAME                     READY   STATUS    RESTARTS   AGE   IP',
    `${name}-7d4b9c8f6-x2k9p   1/1     Running   0          3d    ${ip}`,
    `$ kubectl describe svc ${name}`,
    `Name:              ${name}`,
    `Endpoints:         ${ip}:8080`,
  ];
}

/** One generated document of about `targetChars` characters; `doc` makes its titles unique. */
function generateDocument(rand: () => number, sections: SeedSection[], doc: number, targetChars: number): string {
  const out: string[] = [];
  let size = 0;
  for (let k = 1; size < targetChars; k++) {
    const base = pick(rand, sections);
    // Short seed title + a document/section tag: slugs stay under the 60-character cap and differ.
    const title = `${[...base.title].slice(0, 14).join('').trim()} n${doc}-${k}`;
    const hashes = '#'.repeat(rand() < 0.8 ? 6 + Math.floor(rand() * 8) : 3);
    const body = [...base.lines];
    if (rand() < 0.5) body.push(...prose(rand, 2 + Math.floor(rand() * 4)));
    if (rand() < 0.3) body.push(...manifest(rand));
    if (rand() < 0.3) body.push(...shellSession(rand));
    const block = [`${hashes}${title}${hashes}`, ...body].join('\n');
    out.push(block);
    size += block.length + 1;
  }
  return `${out.join('\n')}\n`;
}

export interface GeneratedCorpus {
  files: string[];
  chars: number;
}

/** Writes `factor` × the seed's characters into outDir as files about the seed's size each. */
export function generateNotes(factor: number, outDir: string, seed = 42): GeneratedCorpus {
  const seedText = readFileSync(SEED_NOTES, 'utf8');
  const sections = splitSections(seedText);
  const rand = prng(seed);
  const total = Math.round(seedText.length * factor);
  const count = Math.max(1, Math.round(factor));
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  let chars = 0;
  for (let doc = 1; doc <= count; doc++) {
    // What is left, shared by the files left; every file gets at least one section.
    const text = generateDocument(rand, sections, doc, Math.max(1, Math.ceil((total - chars) / (count - doc + 1))));
    const file = join(outDir, `notes-${String(doc).padStart(5, '0')}.txt`);
    writeFileSync(file, text);
    files.push(file);
    chars += text.length;
  }
  return { files, chars };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [factor, outDir, seed] = process.argv.slice(2);
  if (!factor || !outDir) {
    process.stderr.write('usage: node dist/bench/generate-notes.js <factor> <outDir> [seed]\n');
    process.exit(2);
  }
  const corpus = generateNotes(Number(factor), outDir, seed ? Number(seed) : undefined);
  process.stdout.write(`${corpus.files.length} files, ${corpus.chars} characters in ${outDir}\n`);
}
