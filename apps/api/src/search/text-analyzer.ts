import type { Jieba } from '@node-rs/jieba';
import type { Ontology } from '../../../../seed/ontology/types.js';
import { hanAliases, segmenter } from '../../../../seed/parser/segmenter.js';

/** Han runs, and runs of other letters/digits (a Han character is a letter too, so it is excluded explicitly). */
const TOKEN_RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

/** Words too common to say anything about a topic; dropped from documents and queries alike. */
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'do', 'does', 'for', 'how', 'i', 'in', 'is', 'it',
  'of', 'on', 'or', 'the', 'to', 'what', 'when', 'which', 'why', 'with',
  '的', '了', '是', '吗', '呢', '啊', '吧', '和', '与', '在', '及', '或', '把', '被', '就', '都', '也', '还', '么',
  // Question words: "是什么意思", "有哪些" ask, they name nothing (and headings like 能做什么 are full of them).
  '什么', '怎么', '如何', '哪些', '意思',
]);

/**
 * Turns text into search terms, the same way for documents and queries:
 * Latin words lowercased (NFKC); Chinese cut by jieba in search mode (with the
 * ontology's Chinese aliases as user words, so 存活探针 stays whole) plus every
 * Han bigram, so a query word inside a longer segmented word (简单 in 安装简单) matches.
 */
export class TextAnalyzer {
  /** The linker's jieba (seed/parser/segmenter.ts), so search cuts Chinese where linking does. */
  private readonly jieba: Jieba;

  constructor(userWords: Iterable<string> = []) {
    this.jieba = segmenter(userWords);
  }

  static forOntology(ontology: Ontology): TextAnalyzer {
    return new TextAnalyzer(hanAliases(ontology));
  }

  /** Every term of a text, repeats kept (term frequency counts). */
  terms(text: string): string[] {
    const out: string[] = [];
    for (const match of text.normalize('NFKC').toLowerCase().matchAll(TOKEN_RUN)) {
      if (match[1]) this.hanTerms(match[1], out);
      else if (match[2] && !STOP_WORDS.has(match[2])) out.push(match[2]);
    }
    return out;
  }

  /** A query's distinct terms, in order of first appearance. */
  queryTerms(text: string): string[] {
    return [...new Set(this.terms(text))];
  }

  /** jieba search-mode words, no bigrams, case kept: a query pre-cut for an engine that segments too. */
  words(text: string): string[] {
    const out: string[] = [];
    for (const match of text.normalize('NFKC').matchAll(TOKEN_RUN)) {
      if (match[1]) out.push(...this.jieba.cutForSearch(match[1], true).filter((w) => w.trim()));
      else if (match[2]) out.push(match[2]);
    }
    return [...new Set(out)];
  }

  private hanTerms(run: string, out: string[]): void {
    for (const word of this.jieba.cutForSearch(run, true)) {
      if (word.trim() && !STOP_WORDS.has(word)) out.push(word);
    }
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) {
      const bigram = chars[i]! + chars[i + 1]!;
      if (!STOP_WORDS.has(bigram)) out.push(bigram);
    }
  }
}
