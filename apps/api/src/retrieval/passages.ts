/**
 * Passage cutting (pure): a topic body → quotable passages, each with its exact
 * line range in the source document.
 *
 * - Snippets (YAML, shell, output) are passages of their own; one longer than
 *   SNIPPET_MAX is split between lines, preferring blank lines.
 * - Prose is split into paragraphs on blank lines and snippet boundaries; a
 *   paragraph longer than TARGET is split between sentences (。！？ and .!? before
 *   a space), or at line ends that do not continue a wrapped sentence.
 * - Every passage is a verbatim slice of the body, so the cited lines contain it.
 */

export const TARGET = 600;
export const SNIPPET_MAX = 1500;

export interface PassageSource {
  /** The topic body exactly as in the document (lines joined with \n). */
  body: string;
  /** 1-based document line of the body's first line. */
  bodyLineStart: number;
  /** Snippet line ranges in document lines, in order. */
  snippets: ReadonlyArray<{ lineStart: number; lineEnd: number }>;
}

export interface CutPassage {
  kind: 'prose' | 'snippet';
  text: string;
  lineStart: number;
  lineEnd: number;
  /** Index into PassageSource.snippets for a snippet passage. */
  snippetIndex: number | null;
  /** Offsets in `text` where a shorter prefix still ends between sentences (or lines, for snippets). */
  cuts: number[];
}

interface Block {
  kind: 'prose' | 'snippet';
  /** 0-based body line indexes, end exclusive. */
  from: number;
  to: number;
  snippetIndex: number | null;
}

const MEANINGFUL = /[\p{L}\p{N}]/u;
const CJK_END = /[。！？]/u;

/** Where the body starts in the document: the first line at or after the topic's first line where it matches. */
export function locateBody(documentLines: readonly string[], topic: { lineStart: number; lineEnd: number; body: string }): number | null {
  if (topic.body === '') return null;
  const bodyLines = topic.body.split('\n');
  const last = Math.min(topic.lineEnd, documentLines.length) - bodyLines.length + 1;
  for (let no = topic.lineStart; no <= last; no++) {
    if (bodyLines.every((line, k) => documentLines[no - 1 + k] === line)) return no;
  }
  return null;
}

export function cutPassages(source: PassageSource): CutPassage[] {
  const lines = source.body.split('\n');
  const blocks = toBlocks(lines, source);
  const out: CutPassage[] = [];
  for (const block of blocks) {
    const text = lines.slice(block.from, block.to).join('\n');
    const lineOf = source.bodyLineStart + block.from;
    const pieces = block.kind === 'snippet' ? splitSnippet(text) : splitProse(text);
    for (const [start, end] of pieces) {
      const passage = slicePassage(text, start, end, lineOf, block);
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
    lineEnd: passage.lineStart + countNewlines(text),
    cuts: passage.cuts.filter((c) => c < text.length),
  };
}

function toBlocks(lines: readonly string[], source: PassageSource): Block[] {
  const blocks: Block[] = [];
  const snippetAt = (i: number): number => {
    const no = source.bodyLineStart + i;
    return source.snippets.findIndex((s) => no >= s.lineStart && no <= s.lineEnd);
  };
  let i = 0;
  while (i < lines.length) {
    const snippet = snippetAt(i);
    if (snippet >= 0) {
      let j = i + 1;
      while (j < lines.length && snippetAt(j) === snippet) j++;
      blocks.push({ kind: 'snippet', from: i, to: j, snippetIndex: snippet });
      i = j;
    } else if (lines[i]!.trim() === '') {
      i++;
    } else {
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== '' && snippetAt(j) < 0) j++;
      blocks.push({ kind: 'prose', from: i, to: j, snippetIndex: null });
      i = j;
    }
  }
  return blocks;
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
  const lineEnds: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineEnds.push(i);
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

function slicePassage(text: string, start: number, end: number, firstLine: number, block: Block): CutPassage | null {
  const raw = text.slice(start, end);
  // Snippets keep their first line's indentation (YAML); prose is trimmed.
  const lead = block.kind === 'snippet' ? /^\s*\n/.exec(raw)?.[0].length ?? 0 : raw.length - raw.trimStart().length;
  const body = raw.slice(lead).trimEnd();
  if (!MEANINGFUL.test(body)) return null;
  const lineStart = firstLine + countNewlines(text.slice(0, start + lead));
  const cuts = (block.kind === 'snippet' ? newlineOffsets(body) : sentenceBoundaries(body)).filter((c) => c > 0 && c < body.length);
  return { kind: block.kind, text: body, lineStart, lineEnd: lineStart + countNewlines(body), snippetIndex: block.snippetIndex, cuts };
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
