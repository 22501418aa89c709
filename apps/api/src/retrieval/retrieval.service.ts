import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { extractManifest, loadApiRemovals } from '../../../../seed/parser/manifests.js';
import type { EntityRef } from '../common/refs.types.js';
import { OntologyService } from '../ingest/ontology.service.js';
import { QueryExpander } from '../search/query-expander.js';
import { SearchService } from '../search/search.service.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import { snippetSlug, type SearchHit } from '../search/search.types.js';
import { TextAnalyzer } from '../search/text-analyzer.js';
import type { CutPassage } from '../../../../seed/parser/passages.js';
import type { ManifestFinding } from '../manifests/manifests.types.js';
import { documentHeading } from '../search/heading-path.js';
import { combine, headingScore, isQuotable, overlapScore, queryProfile, selectPassages, type QueryProfile, type Ranked } from './ranking.js';
import { ancestorTitles, RetrievalRepository, type PassageTopicRow } from './retrieval.repository.js';
import { passageId, RETRIEVE_DEFAULTS, type Passage, type PassageWarning, type RetrieveQuery, type RetrieveResult } from './retrieval.types.js';

/** Search hits asked for per passage wanted: passages are ranked within these candidate topics. */
const CANDIDATES_PER_PASSAGE = 4;
const MIN_CANDIDATES = 20;
/** An entity hit points at its most-mentioning topic, a weaker sign than a topic or snippet hit. */
const ENTITY_HIT_WEIGHT = 0.5;
/** A backstop for changes no content version counts. */
const TOPIC_TTL_MS = 5000;

interface Extra {
  topic: PassageTopic;
  /** The passage's position among its topic's passages. */
  position: number;
  analysis: PassageAnalysis;
}

/** What ranking needs of a passage, worked out once per passage (jieba and the alias trie are most of a retrieve's CPU). */
interface PassageAnalysis {
  entities: EntityRef[];
  /** Terms of the heading path and the passage: a passage is read under its headings. */
  terms: Set<string>;
  /** Terms of the passage alone, to recognise near-duplicates. */
  ownTerms: Set<string>;
  /** Terms of the heading path (document › section › this topic's title). */
  headingTerms: Set<string>;
  /** Entities of the passage and of its topic's title. */
  entitySlugs: Set<string>;
  warnings?: PassageWarning[];
}

/**
 * Passages for chatbots: SearchService finds candidate topics (and snippets),
 * then every passage of those topics is scored on its own overlap with the
 * query (Chinese and English terms plus the ontology's synonyms), combined with
 * its topic's search rank, deduplicated and cut to topK and the character budget.
 */
@Injectable()
export class RetrievalService {
  private readonly expander: QueryExpander;
  /**
   * Keyed by the passage objects of the cached topic rows, so an analysis lives
   * exactly as long as its passage. Callers must not mutate it.
   */
  private readonly analyses = new WeakMap<CutPassage, PassageAnalysis>();
  /**
   * Candidate topics, valid for one content version (a write by any process moves it; the key
   * holds it, older entries age out), so their passages' analyses above are reused. The one
   * cache beside the response cache and the loaders, because retrieve is a POST the response
   * cache does not keep: `BENCH_ROUTES=retrieve BENCH_CACHE=off npm run bench` on 2 busy cores
   * (load 12-15) gave 316 req/s and 1.2 ms server CPU per retrieve with it, 11 req/s and 42 ms
   * without (re-reading ~20 topics and re-analysing every passage each time).
   */
  private readonly topics = new LRUCache<string, PassageTopic>({ max: 5000, ttl: TOPIC_TTL_MS });

  constructor(
    private readonly search: SearchService,
    private readonly analyzer: TextAnalyzer,
    private readonly repository: RetrievalRepository,
    private readonly ontology: OntologyService,
    private readonly contentChanges: ContentChanges,
  ) {
    this.expander = new QueryExpander(ontology);
  }

  async retrieve(query: RetrieveQuery): Promise<RetrieveResult> {
    const topK = query.topK ?? RETRIEVE_DEFAULTS.topK;
    const maxChars = query.maxChars ?? RETRIEVE_DEFAULTS.maxChars;
    const scoreThreshold = query.scoreThreshold ?? RETRIEVE_DEFAULTS.scoreThreshold;
    const scoped = query.documents !== undefined || query.types !== undefined;
    const limit = Math.max(MIN_CANDIDATES, topK * CANDIDATES_PER_PASSAGE) * (scoped ? 3 : 1);
    const found = await this.search.search({ q: query.query, limit, highlight: false });
    const { topicScores, snippetScores } = candidateScores(found.hits);
    let topics = await this.findTopics([...topicScores.keys()]);
    if (query.documents) topics = topics.filter((t) => query.documents!.includes(t.document.name));
    const profile = this.profile(query.query);
    const ranked: Ranked<Extra>[] = [];
    for (const topic of topics) {
      const topicScore = topicScores.get(topic.slug) ?? 0;
      for (const [position, passage] of topic.passages.entries()) {
        if (!isQuotable(passage)) continue;
        const analysis = this.analyse(topic.headingPath, passage);
        if (query.types && !analysis.entities.some((e) => query.types!.includes(e.type))) continue;
        const snippet = passage.snippetIndex === null ? undefined : topic.snippets[passage.snippetIndex];
        const snippetScore = snippet ? snippetScores.get(snippetSlug(topic.slug, snippet.position)) ?? 0 : 0;
        const overlap = overlapScore(profile, analysis.terms, analysis.entitySlugs);
        // A passage sharing nothing with the query is noise, unless search matched that very snippet.
        if (overlap === 0 && snippetScore === 0) continue;
        const score = combine(Math.max(topicScore, snippetScore), overlap, headingScore(profile, analysis.headingTerms));
        ranked.push({ passage, score, key: `${topic.document.name}:${passage.lineStart}`, group: topic.slug, terms: analysis.ownTerms, extra: { topic, position, analysis } });
      }
    }
    const chosen = selectPassages(ranked, { topK, maxChars, scoreThreshold });
    return { query: query.query, backend: found.backend, passages: chosen.map((r) => this.toPassage(r)) };
  }

  /** Topic rows in the order found; slugs with no topic (deleted since indexing) are left out. */
  private async findTopics(slugs: string[]): Promise<PassageTopic[]> {
    // Read before loading: rows loaded while a write commits are stored under the older version, never served after it.
    const version = this.contentChanges.version;
    const key = (slug: string) => `${version}\n${slug}`;
    const missing = slugs.filter((slug) => !this.topics.has(key(slug)));
    if (missing.length) {
      for (const row of await this.repository.findTopics(missing)) this.topics.set(key(row.slug), toPassageTopic(row));
    }
    return slugs.flatMap((slug) => this.topics.get(key(slug)) ?? []);
  }

  private analyse(headingPath: readonly string[], passage: CutPassage): PassageAnalysis {
    let analysis = this.analyses.get(passage);
    if (!analysis) {
      const entities = this.entitiesIn(passage.text);
      const title = headingPath.at(-1) ?? '';
      const headingTerms = new Set(this.analyzer.terms(headingPath.join('\n')));
      const ownTerms = new Set(this.analyzer.terms(passage.text));
      analysis = {
        entities,
        terms: new Set([...headingTerms, ...ownTerms]),
        ownTerms,
        headingTerms,
        entitySlugs: new Set([...entities, ...this.entitiesIn(title)].map((e) => e.slug)),
      };
      this.analyses.set(passage, analysis);
    }
    return analysis;
  }

  /** Entities named in a text, by the linker's mention finder (any alias, Chinese or English). */
  private entitiesIn(text: string): EntityRef[] {
    return this.ontology.findMentions(text).flatMap(({ entitySlug }) => {
      const entity = this.ontology.entity(entitySlug);
      return entity ? [{ slug: entity.slug, name: entity.name, type: entity.type }] : [];
    });
  }

  private profile(query: string): QueryProfile {
    return queryProfile(query, this.analyzer, this.expander);
  }

  private toPassage({ passage, score, extra: { topic, position, analysis } }: Ranked<Extra>): Passage {
    // selectPassages returns the analysed passage itself unless it had to shorten it.
    const whole = this.analyses.get(passage) === analysis;
    const warnings = whole ? (analysis.warnings ??= manifestWarnings(passage, topic)) : manifestWarnings(passage, topic);
    return {
      id: passageId(topic.slug, position),
      topicSlug: topic.slug,
      title: topic.title,
      text: passage.text,
      score,
      citation: { document: topic.document.name, documentSlug: topic.document.slug, lineStart: passage.lineStart, lineEnd: passage.lineEnd },
      // A shortened passage may have lost some of its mentions.
      entities: whole ? analysis.entities : this.entitiesIn(passage.text),
      kind: passage.kind,
      headingPath: topic.headingPath,
      ...neighbours(topic, position),
      ...(warnings.length ? { warnings } : {}),
    };
  }
}

/** A topic as retrieval ranks it: its stored passages as the cutter made them, under its heading path. */
type PassageTopic = Omit<PassageTopicRow, 'passages'> & { passages: CutPassage[]; headingPath: string[] };

function toPassageTopic({ passages, ...topic }: PassageTopicRow): PassageTopic {
  const document = documentHeading(topic.document);
  return {
    ...topic,
    headingPath: [...(document ? [document] : []), ...ancestorTitles(topic), topic.title],
    passages: passages.map((p) => ({ kind: p.kind, text: p.text, lineStart: p.lineStart, lineEnd: p.lineEnd, snippetIndex: p.snippetPosition, cuts: p.cuts })),
  };
}

/**
 * The passages before and after one in reading order (across its document's
 * sections), so a chatbot can widen the context; null at the document's ends.
 */
function neighbours(topic: PassageTopic, position: number): { previous: string | null; next: string | null } {
  const order = topic.document.topics;
  const at = order.findIndex((t) => t.slug === topic.slug);
  let previous: string | null = position > 0 ? passageId(topic.slug, position - 1) : null;
  for (let i = at - 1; previous === null && i >= 0; i--) if (order[i]!._count.passages > 0) previous = passageId(order[i]!.slug, order[i]!._count.passages - 1);
  let next: string | null = position + 1 < topic.passages.length ? passageId(topic.slug, position + 1) : null;
  for (let i = at + 1; next === null && at >= 0 && i < order.length; i++) if (order[i]!._count.passages > 0) next = passageId(order[i]!.slug, 0);
  return { previous, next };
}

/** Per topic slug the best hit, normalised by the best hit overall (0..1); per snippet likewise. */
function candidateScores(hits: readonly SearchHit[]) {
  const best = Math.max(0, ...hits.map((h) => h.score));
  const norm = (score: number) => (best > 0 ? score / best : 0);
  const topicScores = new Map<string, number>();
  const snippetScores = new Map<string, number>();
  for (const hit of hits) {
    if (!hit.topicSlug) continue;
    const score = norm(hit.score) * (hit.kind === 'entity' ? ENTITY_HIT_WEIGHT : 1);
    topicScores.set(hit.topicSlug, Math.max(topicScores.get(hit.topicSlug) ?? 0, score));
    // By the snippet entry's slug, which the passage loop spells the same way (snippetSlug).
    if (hit.kind === 'snippet') snippetScores.set(hit.slug, score);
  }
  return { topicScores, snippetScores };
}

/**
 * The passage's manifest warnings: removed APIs (parsed from its text, or the stored snippet's
 * deprecation columns) and the stored check's findings on the passage's lines (info notes left out).
 */
function manifestWarnings(passage: CutPassage, topic: PassageTopic): PassageWarning[] {
  const removed = new Map<string, PassageWarning>();
  const add = (apiVersion: string, kind: string, d: { replacement: string; removedIn: string }) =>
    removed.set(`${apiVersion} ${kind}`, {
      code: 'removed-api',
      severity: 'error',
      message: `${kind} ${apiVersion} was removed in Kubernetes ${d.removedIn}; use ${d.replacement || 'a supported API'} instead`,
      line: null,
      apiVersion, kind, removedIn: d.removedIn, replacement: d.replacement,
    });
  const parsed = extractManifest(passage.text, loadApiRemovals());
  if (parsed?.deprecated) add(parsed.apiVersion, parsed.kind, parsed.deprecated);
  const snippet = passage.snippetIndex === null ? undefined : topic.snippets[passage.snippetIndex];
  if (snippet?.apiVersion && snippet.manifestKind && snippet.deprecatedRemovedIn !== null && passage.text.includes(snippet.apiVersion)) {
    add(snippet.apiVersion, snippet.manifestKind, { replacement: snippet.deprecatedReplacement ?? '', removedIn: snippet.deprecatedRemovedIn });
  }
  const findings = snippet?.manifestStatus && Array.isArray(snippet.manifestFindings) ? (snippet.manifestFindings as unknown as ManifestFinding[]) : [];
  const checked: PassageWarning[] = [];
  for (const f of findings) {
    if (f.severity === 'info' || f.line < passage.lineStart || f.line > passage.lineEnd) continue;
    const same = f.rule === 'removed-api' && snippet ? removed.get(`${snippet.apiVersion} ${snippet.manifestKind}`) : undefined;
    // The stored check found the removal the text shows: one warning, with the check's line and path.
    if (same) Object.assign(same, { line: f.line, path: f.path });
    else checked.push({ code: f.rule, severity: f.severity, message: f.message, line: f.line, path: f.path });
  }
  return [...removed.values(), ...checked];
}
