import { describe, expect, it } from '@jest/globals';
import { loadOntology } from '../seed/ontology/load.js';
import { highlight } from '../apps/api/src/search/highlight.js';
import { QueryExpander } from '../apps/api/src/search/query-expander.js';
import { TextAnalyzer } from '../apps/api/src/search/text-analyzer.js';
import { createMentionFinder } from '../seed/parser/linker.js';
import { hanAliases, segmenter, segmenterFor } from '../seed/parser/segmenter.js';

const ontology = loadOntology();
const analyzer = TextAnalyzer.forOntology(ontology);

describe('TextAnalyzer (shared by both engines)', () => {
  it('keeps the ontology Chinese aliases whole and adds Han bigrams', () => {
    expect(analyzer.terms('配置存活探针')).toContain('存活探针');
    expect(analyzer.terms('创建无头服务')).toContain('无头服务');
    const terms = analyzer.terms('工具安装简单');
    expect(terms).toEqual(expect.arrayContaining(['安装', '简单', '装简']));
  });

  it('lowercases Latin words, folds full-width forms, drops stop words, splits mixed text', () => {
    expect(analyzer.terms('The Headless Ｓｅｒｖｉｃｅ')).toEqual(['headless', 'service']);
    expect(analyzer.queryTerms('liveness探针 liveness')).toEqual(['liveness', '探针']);
  });

  it('uses the linker\'s jieba: one instance per ontology, so both cut Chinese alike', () => {
    expect(segmenterFor(ontology)).toBe(segmenter(hanAliases(ontology)));
    expect(segmenter(['探针'])).not.toBe(segmenterFor(ontology));
    // The linker finds 探针 only on a jieba boundary; inside the alias word 存活探针 it is not one.
    const finder = createMentionFinder(ontology);
    expect(finder.findSpans('配置存活探针').map((s) => s.text)).toEqual(['存活探针']);
    expect(analyzer.words('配置存活探针')).toContain('存活探针');
  });
});

describe('QueryExpander', () => {
  const finder = createMentionFinder(ontology);
  const bySlug = new Map(ontology.entities.map((e) => [e.slug, e]));
  const expander = new QueryExpander({ findMentions: (t) => finder.findMentions(t), entity: (s) => bySlug.get(s) });

  it('adds the other language names of every entity the query names', () => {
    expect(expander.expand('无头服务怎么用').phrases).toEqual(expect.arrayContaining(['Headless', 'headless service']));
    expect(expander.expand('blue/green').phrases).toContain('蓝绿部署');
    expect(expander.expand('nothing known here')).toEqual({ entitySlugs: [], phrases: [], synonyms: [] });
  });
});

describe('highlight', () => {
  it('cuts ~160 characters around the first match, marks every match, escapes markup', () => {
    const text = `${'前言 '.repeat(60)}<b>Headless</b> service: headless 服务 ${'后记 '.repeat(80)}`;
    const out = highlight(text, ['headless']);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('&lt;b&gt;<mark>Headless</mark>&lt;/b&gt; service: <mark>headless</mark>');
    expect(out.replace(/<\/?mark>|…/g, '').length).toBeLessThanOrEqual(200);
  });

  it('returns the start of the text when nothing matches', () => {
    expect(highlight('short text', ['zzz'])).toBe('short text');
  });
});
