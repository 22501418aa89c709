/**
 * Passage cutting (pure): a section's prose blocks and snippets → quotable passages,
 * each with its exact line range in the source document, in section order.
 *
 * - Snippets (YAML, shell, output) are passages of their own; one longer than
 *   SNIPPET_MAX is split between lines, preferring blank lines and `---`.
 * - A prose block longer than TARGET is split between sentences (。！？ and .!? before
 *   a space), or at line ends that do not continue a wrapped sentence.
 * - A passage is a slice of its block's text (or snippet's content); its lines come
 *   from the block's line map, so a passage cut from the middle of a block cites
 *   exactly its own lines.
 */
import type { ParsedBlock, ParsedSection, ParsedSnippet } from './types.js';

export const TARGET = 600;
export const SNIPPET_MAX = 1500;

export interface CutPassage {
  kind: 'prose' | 'snippet';
  text: string;
  lineStart: number;
  lineEnd: number;
  /** Index into the section's snippets for a snippet passage. */
  snippetIndex: number | null;
  /** Offsets in `text` where a shorter prefix still ends between sentences (or lines, for snippets). */
  cuts: number[];
}

const MEANINGFUL = /[\p{L}\p{N}]/u;
const CJK_END = /[。！？]/u;

type Unit =
  | { kind: 'prose'; first: number; text: string; lines: readonly number[]; snippetIndex: null }
  | { kind: 'snippet'; first: number; text: string; lines: readonly number[]; snippetIndex: number };

const snippetLines = (s: ParsedSnippet): number[] => Array.from({ length: s.lineEnd - s.lineStart + 1 }, (_, k) => s.lineStart + k);

export function cutSectionPassages(section: Pick<ParsedSection, 'blocks' | 'snippets'>): CutPassage[] {
  const units: Unit[] = [
    ...section.blocks.map((b: ParsedBlock): Unit => ({ kind: 'prose', first: b.lines[0] ?? 0, text: b.text, lines: b.lines, snippetIndex: null })),
    ...section.snippets.map((s, i): Unit => ({ kind: 'snippet', first: s.lineStart, text: s.content, lines: snippetLines(s), snippetIndex: i })),
  ].sort((a, b) => a.first - b.first);
  const out: CutPassage[] = [];
  for (const unit of units) {
    const pieces = unit.kind === 'snippet' ? splitSnippet(unit.text) : splitProse(unit.text);
    for (const [start, end] of pieces) {
      const passage = slicePassage(unit, start, end);
      if (passage) out.push(passage);
    }
  }
  return out;
}

/** The longest prefix of a passage within maxChars that still ends between sentences, or null. */
export function shortenPassage(passage: CutPassage, maxChars: number): CutPassage | null {
  if (passage.text.length <= maxChars) return passage;
  const cut = [...passage.cuts].reverse().find((c) => c <= maxChars && MEANINGFUL.test(passage.text.slice(0, c)));
  if (cut === undefined) return null;
  const text = passage.text.slice(0, cut).trimEnd();
  return {
    ...passage,
    text,
    // block lines are contiguous, so the n-th line of a passage is lineStart + n
    lineEnd: passage.lineStart + countNewlines(text),
    cuts: passage.cuts.filter((c) => c < text.length),
  };
}

/** Offsets just after each sentence end, and after line ends that do not continue a sentence. */
function sentenceBoundaries(text: string): number[] {
  const out = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (CJK_END.test(ch)) out.add(i + 1);
    else if ((ch === '.' || ch === '!' || ch === '?') && (next === undefined || /\s/.test(next)) && /[\p{L})\]"'”]/u.test(text[i - 1] ?? '')) {
      // "e.g." and single-letter initials are not sentence ends
      if (!/(?:^|\s)(?:\p{L}|e\.g|i\.e|etc|vs)$/iu.test(text.slice(Math.max(0, i - 5), i))) out.add(i + 1);
    } else if (ch === '\n' && !continuesSentence(text.slice(0, i), text.slice(i + 1))) {
      out.add(i);
    }
  }
  out.add(text.length);
  return [...out].sort((a, b) => a - b);
}

/** A wrapped line: English text running on in lower case, or a line ending on a comma. */
function continuesSentence(before: string, after: string): boolean {
  const tail = before.trimEnd();
  if (/[,，、:：;；(（\-–]$/u.test(tail)) return true;
  return /[A-Za-z]$/.test(tail) && /^[ \t]*[a-z]/.test(after) && !/^[ \t]*[a-z][\w-]*[:=]/.test(after);
}

/** Greedy packing of sentences into pieces of at most TARGET characters (a lone longer sentence stays whole). */
function splitProse(text: string): Array<[number, number]> {
  if (text.trim().length <= TARGET) return [[0, text.length]];
  return pack(sentenceBoundaries(text), text.length, TARGET);
}

function splitSnippet(text: string): Array<[number, number]> {
  if (text.length <= SNIPPET_MAX) return [[0, text.length]];
  const lineEnds = newlineOffsets(text);
  lineEnds.push(text.length);
  return pack(lineEnds, text.length, SNIPPET_MAX, (at) => text.slice(at + 1).startsWith('\n') || /^\n?---/.test(text.slice(at)));
}

function pack(boundaries: number[], length: number, max: number, preferred?: (at: number) => boolean): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let start = 0;
  while (start < length) {
    const fitting = boundaries.filter((b) => b > start && b - start <= max);
    let end: number;
    if (fitting.length === 0) end = boundaries.find((b) => b > start) ?? length;
    else {
      const nice = preferred ? fitting.filter((b) => preferred(b) && b - start >= max / 2) : [];
      end = nice.length ? nice[nice.length - 1]! : fitting[fitting.length - 1]!;
    }
    pieces.push([start, end]);
    start = end;
  }
  return pieces;
}

function slicePassage(unit: Unit, start: number, end: number): CutPassage | null {
  const raw = unit.text.slice(start, end);
  // Snippets keep their first line's indentation (YAML); prose is trimmed.
  const lead = unit.kind === 'snippet' ? /^\s*\n/.exec(raw)?.[0].length ?? 0 : raw.length - raw.trimStart().length;
  const body = raw.slice(lead).trimEnd();
  if (!MEANINGFUL.test(body)) return null;
  const first = countNewlines(unit.text.slice(0, start + lead));
  const cuts = (unit.kind === 'snippet' ? newlineOffsets(body) : sentenceBoundaries(body)).filter((c) => c > 0 && c < body.length);
  return {
    kind: unit.kind,
    text: body,
    lineStart: unit.lines[first]!,
    lineEnd: unit.lines[first + countNewlines(body)]!,
    snippetIndex: unit.snippetIndex,
    cuts,
  };
}

function newlineOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i);
  return out;
}

function countNewlines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\n') n++;
  return n;
}
