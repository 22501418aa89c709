import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/** Files a notes folder is made of. */
export const NOTE_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);
/** Folders never read: dependencies and build output that happen to hold Markdown. */
const IGNORED_FOLDERS = new Set(['node_modules']);

export interface NoteFile {
  /** Path relative to the folder, with forward slashes: the document's name. */
  name: string;
  path: string;
}

export interface SkippedFile {
  name: string;
  reason: string;
}

export interface NotesFolder {
  files: NoteFile[];
  skipped: SkippedFile[];
}

/**
 * Every notes file under `root`, recursively, in name order. Hidden files and
 * folders and node_modules are skipped silently; a symlink is followed only when
 * its target lies inside the folder (a link out of it, or a loop, is reported).
 */
export async function listNotesFolder(root: string): Promise<NotesFolder> {
  const realRoot = await realpath(root);
  const files: NoteFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>([realRoot]);
  const nameOf = (path: string) => relative(root, path).split(sep).join('/');

  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await realpath(path).catch(() => null);
        if (target === null) {
          skipped.push({ name: nameOf(path), reason: 'broken symbolic link' });
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) {
          skipped.push({ name: nameOf(path), reason: 'symbolic link to outside the folder' });
          continue;
        }
        const info = await stat(target);
        isDirectory = info.isDirectory();
        isFile = info.isFile();
        if (isDirectory && visited.has(target)) {
          skipped.push({ name: nameOf(path), reason: 'symbolic link loop' });
          continue;
        }
        if (isDirectory) visited.add(target);
      }
      if (isDirectory) {
        if (!IGNORED_FOLDERS.has(entry.name)) await walk(path);
      } else if (isFile && NOTE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        files.push({ name: nameOf(path), path });
      }
    }
  }

  await walk(root);
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files, skipped };
}

export type NoteText = { content: string } | { skipped: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's text, or why it cannot be a document: empty, too large (characters,
 * as POST /documents counts them), not UTF-8, or holding NUL (PostgreSQL text cannot).
 */
export async function readNoteFile(path: string, maxChars: number): Promise<NoteText> {
  // UTF-8 takes at most 4 bytes a character: a larger file cannot fit, so it is not read at all.
  if ((await stat(path)).size > maxChars * 4) {
    return { skipped: `too large (over ${maxChars} characters)` };
  }
  let content: string;
  try {
    content = utf8.decode(await readFile(path));
  } catch {
    return { skipped: 'not UTF-8' };
  }
  if (content.trim() === '') return { skipped: 'empty' };
  if (content.length > maxChars) return { skipped: `too large (${content.length} characters, over ${maxChars})` };
  if (content.includes('\u0000')) return { skipped: 'contains NUL characters' };
  return { content };
}
