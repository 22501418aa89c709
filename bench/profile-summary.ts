/**
 * Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`), so a
 * profile can be read without DevTools.
 *
 *   node dist/bench/profile-summary.js <file.cpuprofile> [top=25] [skipSeconds=0]
 * skipSeconds leaves out the first samples (start-up) to see only the load.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = '25', skip = '0'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
let elapsed = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id)!;
  const us = profile.timeDeltas[i] ?? 0;
  elapsed += us;
  if (elapsed < Number(skip) * 1e6) return;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, '');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + us);
  const pkg = url.includes('node_modules/') ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') : url ? (url.startsWith('node:') ? 'node' : 'ours') : functionName;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
});
const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
process.stdout.write(`total ${(total / 1e6).toFixed(2)} s sampled\n\nby package:\n`);
for (const [k, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`${pct(v)}  ${k}\n`);
process.stdout.write('\nby function (self):\n');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) process.stdout.write(`${pct(v)}  ${k}\n`);
