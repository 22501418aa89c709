/**
 * Citation checks for a parsed document: does every cited line range hold what the
 * parser says it does? Used by the parser tests on every fixture and by
 * bench/parse-corpus.ts on real corpora. Returns problems as sentences; [] is a pass.
 */
import { cutSectionPassages } from '../../seed/parser/passages.js';
import type { ParsedDocument, ParsedSection } from '../../seed/parser/types.js';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The source with HTML character references (&amp; &#39; &#x27;) as the characters they stand for. */
function decodeReferences(source: string): string {
  return source.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const squash = (s: string): string[] => [...s.replace(/\s+/g, '')];

/**
 * True when `text` can be obtained from `source` by deleting characters only. Allowed, and
 * nothing else: (1) whitespace is ignored on both sides, as markup removal trims and joins
 * (indentation, list markers, table cells joined by " | "); (2) an HTML character reference
 * in the source counts as the character it stands for, as the Markdown parser decodes them.
 * Every other character of `text` must appear in `source`, in the same order. Shortcode and
 * admonition labels pass because they are written out on their marker line.
 */
export function derivableByDeletion(source: string, text: string): boolean {
  const from = squash(decodeReferences(source));
  const want = squash(text);
  let i = 0;
  for (const ch of from) if (i < want.length && ch === want[i]) i++;
  return i === want.length;
}

const flatten = (sections: ParsedSection[]): ParsedSection[] => sections.flatMap((s) => [s, ...flatten(s.children)]);

/** Lines of `section` that belong to it and not to a child. */
function ownLines(section: ParsedSection): (line: number) => boolean {
  return (line) => line >= section.lineStart && line <= section.lineEnd
    && !section.children.some((c) => line >= c.lineStart && line <= c.lineEnd);
}

/**
 * Checks every section (range, nesting, title on its heading line, body), snippet (its
 * lines verbatim), block (each line of text from its own source line: verbatim in the
 * notes format, by deletion in Markdown) and cut passage of `doc` against `lines`.
 */
export function citationProblems(doc: ParsedDocument, lines: readonly string[]): string[] {
  const problems: string[] = [];
  const where = (s: ParsedSection) => `${doc.name}:${s.lineStart}-${s.lineEnd} "${s.title}"`;
  const cited = (a: number, b: number) => lines.slice(a - 1, b).join('\n');
  const lineOk = (source: string | undefined, text: string): boolean => source !== undefined
    && (doc.format === 'notes' ? source.includes(text.trim()) : derivableByDeletion(source, text));

  const visit = (section: ParsedSection, level: number, parent: ParsedSection | null): void => {
    const at = where(section);
    if (section.level !== level) problems.push(`${at}: level ${section.level}, expected ${level}`);
    if (section.lineStart < 1 || section.lineEnd < section.lineStart || section.lineEnd > lines.length) problems.push(`${at}: bad range`);
    if (parent && (section.lineStart <= parent.lineStart || section.lineEnd > parent.lineEnd)) problems.push(`${at}: outside its parent`);
    const fromMetadata = section.title === doc.metadata.title;
    const titled = [1, 2, 3].some((k) => derivableByDeletion(cited(section.lineStart, section.lineStart + k - 1), section.title));
    if (!section.titleDerived && !fromMetadata && !titled) problems.push(`${at}: title not on line ${section.lineStart}`);
    if (section.body && !cited(section.lineStart, section.lineEnd).includes(section.body)) problems.push(`${at}: body not in its lines`);
    const own = ownLines(section);
    section.snippets.forEach((snippet, i) => {
      if (snippet.content !== cited(snippet.lineStart, snippet.lineEnd)) problems.push(`${at}: snippet ${i} is not lines ${snippet.lineStart}-${snippet.lineEnd}`);
      if (!own(snippet.lineStart) || !own(snippet.lineEnd)) problems.push(`${at}: snippet ${i} outside the section`);
    });
    section.blocks.forEach((block, i) => {
      const texts = block.text.split('\n');
      if (texts.length !== block.lines.length) problems.push(`${at}: block ${i} has ${texts.length} lines of text for ${block.lines.length} line numbers`);
      block.lines.forEach((line, k) => {
        if (k > 0 && line !== block.lines[k - 1]! + 1) problems.push(`${at}: block ${i} lines not consecutive`);
        if (!own(line)) problems.push(`${at}: block ${i} line ${line} outside the section`);
        if (section.snippets.some((s) => line >= s.lineStart && line <= s.lineEnd) && texts[k]!.trim()) problems.push(`${at}: block ${i} line ${line} inside a snippet`);
        if (!lineOk(lines[line - 1], texts[k] ?? '')) problems.push(`${at}: block ${i} line ${line} "${texts[k]}" not from "${lines[line - 1]}"`);
      });
    });
    for (const passage of cutSectionPassages(section)) {
      const texts = passage.text.split('\n');
      const p = `${at}: passage ${passage.lineStart}-${passage.lineEnd}`;
      if (passage.lineEnd - passage.lineStart + 1 !== texts.length) problems.push(`${p} has ${texts.length} lines of text`);
      if (!own(passage.lineStart) || !own(passage.lineEnd)) problems.push(`${p} outside the section`);
      if (passage.kind === 'snippet' && passage.text !== cited(passage.lineStart, passage.lineEnd).trimEnd()) problems.push(`${p} is not its lines`);
      if (passage.kind === 'prose' && !texts.every((t, k) => lineOk(lines[passage.lineStart - 1 + k], t))) problems.push(`${p} not from its lines`);
    }
    for (const child of section.children) visit(child, level + 1, section);
  };
  for (const section of doc.sections) visit(section, 1, null);
  if (flatten(doc.sections).some((s, i, all) => i > 0 && s.lineStart <= all[i - 1]!.lineStart)) problems.push(`${doc.name}: sections out of document order`);
  return problems;
}
