import { slugify } from '../../../../seed/parser/slug.js';

/** Longest document slug: long enough for a few folders and a file name. */
const DOCUMENT_SLUG_MAX = 80;
const NOTE_EXTENSION = /\.(?:md|markdown|txt)$/i;

/**
 * A document's name is its path relative to the folder it was ingested from:
 * forward slashes, no empty or `.` segments, no leading slash. Two names that
 * differ only in separators (`a\b.md`, `./a/b.md`, `a//b.md`) are one document.
 */
export function normaliseDocumentName(name: string): string {
  return name
    .trim()
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/**
 * The slug a document name asks for: its whole path without the extension, so
 * `concepts/objects/pod.md` and `troubleshooting/pod.md` differ. A long path
 * keeps its end (the file name says more than the top folders).
 */
export function documentSlugFor(name: string): string {
  const slug = name
    .replace(NOTE_EXTENSION, '')
    .split('/')
    .map((segment) => slugify(segment))
    .join('-');
  if (slug.length <= DOCUMENT_SLUG_MAX) return slug;
  const tail = slug.slice(-DOCUMENT_SLUG_MAX);
  const dash = tail.indexOf('-');
  return dash > 0 && dash < DOCUMENT_SLUG_MAX / 2 ? tail.slice(dash + 1) : tail;
}

/** The first of slug, slug-2, slug-3… that `taken` does not hold. */
export function firstFreeSlug(slug: string, taken: ReadonlySet<string>): string {
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
  return candidate;
}
