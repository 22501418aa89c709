/** The notes files of a corpus folder, as the evaluation ingests them. */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const NOTE_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

export interface CorpusFile {
  /** Path relative to the corpus folder, with `/` separators: the document's name. */
  name: string;
  content: string;
}

/** Every notes file under `dir`, recursively, in path order; hidden folders, node_modules and symlinks are skipped. */
export function readCorpus(dir: string): CorpusFile[] {
  return listNotes(dir, '').map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
}

function listNotes(root: string, prefix: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...listNotes(root, name));
    else if (entry.isFile() && NOTE_EXTENSIONS.has(extname(entry.name).toLowerCase())) names.push(name);
  }
  return names.sort();
}
