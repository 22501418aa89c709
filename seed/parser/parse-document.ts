/** parseDocument: a notes or Markdown document → sections with snippets and manifests. */
import type { ParsedDocument, ParsedSection, ParsedSnippet, SnippetKind } from './types.js';
import type { ApiRemoval } from '../ontology/types.js';
import {
  detectFormat, isFenceClose, matchFenceOpen, matchMarkdownHeader, matchNotesHeader, notesLevel,
} from './headers.js';
import { detectSnippets, guessKind, isBlank } from './blocks.js';
import { annotateManifests, loadApiRemovals } from './manifests.js';
import { detectLang } from './lang.js';

export interface ParseOptions {
  /** Removal table to check manifests against; defaults to seed/ontology/api-removals.yaml. */
  removals?: readonly ApiRemoval[];
}

interface RawHeader {
  index: number; // 0-based line index
  level: 1 | 2;
  title: string;
}

interface Layout {
  headers: RawHeader[];
  /** Snippets from fenced blocks (markdown) — notes snippets are detected per section. */
  fenced: ParsedSnippet[];
}

const TITLE_MAX = 40;

/** Split into lines: CRLF/CR normalised, BOM dropped, no phantom line after a final newline. */
export function splitLines(text: string): string[] {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (normalised === '') return [];
  const lines = normalised.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function notesLayout(lines: readonly string[]): Layout {
  const headers: RawHeader[] = [];
  let hasTopic = false;
  lines.forEach((line, index) => {
    const h = matchNotesHeader(line);
    if (!h) return;
    const level = notesLevel(h.hashes, hasTopic);
    if (level === 1) hasTopic = true;
    headers.push({ index, level, title: h.title });
  });
  return { headers, fenced: [] };
}

function fenceKind(info: string, content: string): SnippetKind {
  if (info === 'yaml' || info === 'yml') return 'yaml';
  if (['sh', 'bash', 'shell', 'console', 'zsh', 'shell-session', 'shellsession'].includes(info)) return 'shell';
  if (info === 'text' || info === 'txt' || info === 'output') return info === 'output' ? 'output' : 'text';
  return guessKind(content);
}

function markdownLayout(lines: readonly string[]): Layout {
  const headers: RawHeader[] = [];
  const fenced: ParsedSnippet[] = [];
  let hasTopic = false;
  for (let i = 0; i < lines.length; i++) {
    const open = matchFenceOpen(lines[i]!);
    if (open) {
      let j = i + 1;
      while (j < lines.length && !isFenceClose(lines[j]!, open)) j++;
      if (j > i + 1) {
        const content = lines.slice(i + 1, j).join('\n');
        fenced.push({ kind: fenceKind(open.info, content), language: open.info || null, content, lineStart: i + 2, lineEnd: j });
      }
      i = j; // skip the closing fence (or run to the end when unclosed)
      continue;
    }
    const h = matchMarkdownHeader(lines[i]!);
    if (!h) continue;
    const level: 1 | 2 = h.hashes === 1 || !hasTopic ? 1 : 2;
    if (level === 1) hasTopic = true;
    headers.push({ index: i, level, title: h.title });
  }
  return { headers, fenced };
}

/** First meaningful prose line of a range (outside snippets), cut to ~40 characters. */
export function deriveTitle(lines: readonly string[], start: number, end: number, snippets: readonly ParsedSnippet[]): string {
  for (let i = start; i < end; i++) {
    const no = i + 1;
    if (snippets.some((s) => no >= s.lineStart && no <= s.lineEnd)) continue;
    if (/^\s*(?:```|~~~)/.test(lines[i]!)) continue; // fence markers are not prose
    const line = lines[i]!.trim().replace(/^[#\-*>\d.、)\s]+/u, '').replace(/[\s。.:：;；,，!！?？]+$/u, '');
    if (!/[\p{L}\p{N}]/u.test(line)) continue;
    const chars = [...line];
    if (chars.length <= TITLE_MAX) return line;
    const cut = chars.slice(0, TITLE_MAX).join('');
    const space = cut.lastIndexOf(' ');
    return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trim()}…`;
  }
  return 'Untitled';
}

/** Trim blank lines at both ends of [a, b) and return the new bounds. */
function trimBlank(lines: readonly string[], a: number, b: number): [number, number] {
  while (a < b && isBlank(lines[a]!)) a++;
  while (b > a && isBlank(lines[b - 1]!)) b--;
  return [a, b];
}

function proseOf(lines: readonly string[], a: number, b: number, snippets: readonly ParsedSnippet[]): string {
  const prose: string[] = [];
  for (let i = a; i < b; i++) {
    if (!snippets.some((s) => i + 1 >= s.lineStart && i + 1 <= s.lineEnd)) prose.push(lines[i]!);
  }
  return prose.join('\n');
}

export function parseDocument(name: string, text: string, options: ParseOptions = {}): ParsedDocument {
  const lines = splitLines(text);
  const format = detectFormat(lines);
  const { headers, fenced } = format === 'markdown' ? markdownLayout(lines) : notesLayout(lines);
  const removals = options.removals ?? loadApiRemovals();

  const raw: RawHeader[] = [...headers];
  const firstHeader = raw[0]?.index ?? lines.length;
  const hasPreamble = lines.slice(0, firstHeader).some((l) => !isBlank(l));

  interface Span { header: RawHeader | null; ownStart: number; ownEnd: number; start: number; level: 1 | 2 }
  const spans: Span[] = [];
  if (hasPreamble) spans.push({ header: null, ownStart: 0, ownEnd: firstHeader, start: 0, level: 1 });
  raw.forEach((h, k) => {
    const next = raw[k + 1]?.index ?? lines.length;
    spans.push({ header: h, ownStart: h.index + 1, ownEnd: next, start: h.index, level: h.level });
  });

  const top: ParsedSection[] = [];
  let current: ParsedSection | null = null;
  for (const span of spans) {
    const snippetsRaw = format === 'markdown'
      ? fenced.filter((s) => s.lineStart > span.ownStart && s.lineEnd <= span.ownEnd)
      : detectSnippets(lines, span.ownStart, span.ownEnd);
    const snippets = annotateManifests(snippetsRaw, removals);
    const [bodyA, bodyB] = trimBlank(lines, span.ownStart, span.ownEnd);
    const body = lines.slice(bodyA, bodyB).join('\n');
    const givenTitle = span.header?.title ?? '';
    const titleDerived = givenTitle === '';
    const title = titleDerived ? deriveTitle(lines, span.ownStart, span.ownEnd, snippets) : givenTitle;
    const prose = proseOf(lines, bodyA, bodyB, snippets);
    const section: ParsedSection = {
      title,
      titleDerived,
      level: span.level,
      lineStart: span.header ? span.start + 1 : bodyA + 1,
      lineEnd: bodyA < bodyB ? bodyB : span.start + 1,
      body,
      lang: detectLang(prose.trim() ? prose : body),
      snippets,
      children: [],
    };
    if (span.level === 2 && current) {
      current.children.push(section);
      current.lineEnd = Math.max(current.lineEnd, section.lineEnd);
    } else {
      top.push(section);
      current = section;
    }
  }
  return { name, format, metadata: { title: null, description: null, tags: [], aliases: [], extra: {} }, lineCount: lines.length, sections: top };
}
