/**
 * Linking text to ontology entities (pure, apart from the shared jieba in segmenter.ts).
 *
 * Mentions: every entity name and alias is matched case-insensitively (NFKC,
 * whitespace runs equivalent to one space), longest alias first at each position.
 * - ASCII edges obey word boundaries: letters, digits, `_`, and `-`/`.` joining two
 *   alphanumerics continue a word, so "Job" is not found in "CronJob" or
 *   "jobs-controller" and "pod" not in "podAffinity" or "pod-name". A plural `s` is allowed.
 * - Words inside URLs and absolute paths are ignored.
 * - Han edges must fall on jieba segment boundaries; every pure-Han alias is added to
 *   jieba's dictionary, so 存活探针 is one word and 探针 cannot match inside it.
 */
import type { Jieba } from '@node-rs/jieba';
import type { Ontology } from '../ontology/types.js';
import { segmenterFor } from './segmenter.js';

export interface Mention {
  entitySlug: string;
  count: number;
}

export interface MentionSpan {
  entitySlug: string;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface MentionFinder {
  (text: string): Mention[];
  findMentions(text: string): Mention[];
  findSpans(text: string): MentionSpan[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  slug?: string;
}

const HAN = /\p{Script=Han}/u;
const WORD = /[a-z0-9_]/;
const ALNUM = /[a-z0-9]/;
const SPACE = /\s/;

/** URLs and absolute paths (/api/v1/namespaces/...) are not prose: their words are not mentions. */
const URL_OR_PATH = /[a-z][a-z0-9+.-]*:\/\/\S+|(?<![\w/])\/[\w.<>{}-]+(?:\/[\w.<>{}-]*)+/gi;

/** Lowercase + NFKC per UTF-16 unit, keeping offsets aligned with the original text. */
function foldChars(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = ch.normalize('NFKC').toLowerCase();
    out += folded.length === ch.length ? folded : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out.replace(URL_OR_PATH, (m) => ' '.repeat(m.length));
}

const normalise = (alias: string): string => alias.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

function buildTrie(ontology: Ontology): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const e of ontology.entities) {
    for (const alias of new Set([e.name, ...e.aliases].map(normalise))) {
      if (!alias) continue;
      let node = root;
      for (const ch of alias) {
        let child = node.next.get(ch);
        if (!child) node.next.set(ch, (child = { next: new Map() }));
        node = child;
      }
      node.slug ??= e.slug; // validateOntology guarantees one owner per alias
    }
  }
  return root;
}

/** Offsets where a jieba segment starts or ends. */
function segmentBoundaries(jieba: Jieba, text: string): Set<number> {
  const boundaries = new Set<number>([0, text.length]);
  if (!HAN.test(text)) return boundaries;
  const tokens = jieba.cut(text, false);
  let offset = 0;
  for (const token of tokens) {
    const at = text.startsWith(token, offset) ? offset : text.indexOf(token, offset);
    if (at < 0) break;
    boundaries.add(at);
    offset = at + token.length;
    boundaries.add(offset);
  }
  return boundaries;
}

export function createMentionFinder(ontology: Ontology): MentionFinder {
  const trie = buildTrie(ontology);
  const jieba = segmenterFor(ontology);

  function findSpans(text: string): MentionSpan[] {
    const folded = foldChars(text);
    const boundaries = segmentBoundaries(jieba, text);
    const at = (i: number): string => folded[i] ?? '';
    const leftOk = (p: number): boolean => {
      if (HAN.test(at(p))) return boundaries.has(p);
      if (!ALNUM.test(at(p))) return true;
      const prev = at(p - 1);
      if (WORD.test(prev)) return false;
      return !((prev === '-' || prev === '.') && ALNUM.test(at(p - 2)));
    };
    const rightOk = (e: number): boolean => {
      if (HAN.test(at(e - 1))) return boundaries.has(e);
      if (!ALNUM.test(at(e - 1))) return true;
      const next = at(e);
      if (WORD.test(next)) return false;
      return !((next === '-' || next === '.') && ALNUM.test(at(e + 1)));
    };
    const spans: MentionSpan[] = [];
    let p = 0;
    while (p < folded.length) {
      if (SPACE.test(at(p)) || !leftOk(p)) { p++; continue; }
      let node: TrieNode | undefined = trie;
      let i = p;
      let best: { end: number; slug: string } | null = null;
      while (node && i <= folded.length) {
        if (node.slug && i > p) {
          if (rightOk(i)) best = { end: i, slug: node.slug };
          else if (at(i) === 's' && /[a-z]/.test(at(i - 1)) && rightOk(i + 1)) best = { end: i + 1, slug: node.slug };
        }
        if (i === folded.length) break;
        const ch = at(i);
        if (SPACE.test(ch)) {
          node = node.next.get(' ');
          while (SPACE.test(at(i))) i++;
        } else {
          node = node.next.get(ch);
          i++;
        }
      }
      if (best) {
        spans.push({ entitySlug: best.slug, start: p, end: best.end, text: text.slice(p, best.end) });
        p = best.end;
      } else {
        p++;
      }
    }
    return spans;
  }

  function findMentions(text: string): Mention[] {
    const counts = new Map<string, number>();
    for (const s of findSpans(text)) counts.set(s.entitySlug, (counts.get(s.entitySlug) ?? 0) + 1);
    return [...counts]
      .map(([entitySlug, count]) => ({ entitySlug, count }))
      .sort((a, b) => b.count - a.count || a.entitySlug.localeCompare(b.entitySlug));
  }

  const finder = ((text: string) => findMentions(text)) as MentionFinder;
  finder.findMentions = findMentions;
  finder.findSpans = findSpans;
  return finder;
}
