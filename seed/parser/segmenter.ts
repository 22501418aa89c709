/**
 * The one jieba the process uses: the linker's word boundaries and search's Chinese terms
 * come from the same dictionary. Building one costs ~0.8 s and ~38 MB, so an ontology's
 * segmenter is built once and shared (a few kept, for processes that hold more than one ontology).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { LRUCache } from 'lru-cache';
import type { Ontology } from '../ontology/types.js';

/** Frequency given to alias words: high enough to win over jieba's generic splits, so 存活探针 stays whole. */
const ALIAS_FREQ = 200000;
const HAN_ONLY = /^\p{Script=Han}+$/u;

const segmenters = new LRUCache<string, Jieba>({ max: 4 });

/** The ontology's pure-Han names and aliases (NFKC), sorted and distinct: the user dictionary. */
export function hanAliases(ontology: Ontology): string[] {
  return userWords(ontology.entities.flatMap((e) => [e.name, ...e.aliases]));
}

function userWords(words: Iterable<string>): string[] {
  return [...new Set([...words].map((w) => w.normalize('NFKC').trim()).filter((w) => HAN_ONLY.test(w)))].sort();
}

/** jieba with the default dictionary plus these words (only the pure-Han ones count); one per distinct word set. */
export function segmenter(words: Iterable<string> = []): Jieba {
  const userDict = userWords(words).map((w) => `${w} ${ALIAS_FREQ} n`).join('\n');
  let jieba = segmenters.get(userDict);
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    if (userDict) jieba.loadDict(Buffer.from(`${userDict}\n`, 'utf8'));
    segmenters.set(userDict, jieba);
  }
  return jieba;
}

/** The segmenter for an ontology's aliases. */
export const segmenterFor = (ontology: Ontology): Jieba => segmenter(hanAliases(ontology));
