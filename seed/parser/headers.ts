/**
 * Notes-format headers and format detection.
 *
 * Notes format: a header is a line starting with two or more `#` (full-width ＃
 * accepted), then a title, optionally closed by more `#`. Five or more leading
 * `#` open a top-level topic; two to four a subsection. A single `#` is content.
 * (Markdown headings are read from the Markdown tree, see markdown/outline.ts.)
 */
import type { DocumentFormat } from './types.js';

export interface HeaderMatch {
  /** Number of leading `#`. */
  hashes: number;
  /** Trimmed title; '' for a header without one. */
  title: string;
}

const NOTES_HEADER = /^([#＃]{2,})(.*)$/;
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;

export function matchNotesHeader(line: string): HeaderMatch | null {
  const m = NOTES_HEADER.exec(line);
  if (!m) return null;
  const title = m[2]!.replace(/[#＃\s]+$/u, '').trim();
  return { hashes: m[1]!.length, title };
}

/** Level of a notes header: 5+ hashes → 1, 2-4 → 2 (1 when there is no topic above). */
export function notesLevel(hashes: number, hasTopicAbove: boolean): 1 | 2 {
  return hashes >= 5 || !hasTopicAbove ? 1 : 2;
}

/**
 * 'markdown' when the text has fenced code blocks or ATX headings with a space after
 * the #'s, and no runs of five or more # opening (or closing) a header line;
 * otherwise 'notes'.
 */
export function detectFormat(lines: readonly string[]): DocumentFormat {
  let markdownSigns = false;
  for (const line of lines) {
    if (/^[#＃]{5,}/.test(line) || (/^#{2,}/.test(line) && /#{5,}[ \t]*$/.test(line))) return 'notes';
    if (FENCE.test(line) || /^#{1,6}[ \t]+\S/.test(line)) markdownSigns = true;
  }
  return markdownSigns ? 'markdown' : 'notes';
}
