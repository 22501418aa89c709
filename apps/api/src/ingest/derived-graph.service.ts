import { Injectable } from '@nestjs/common';
import {
  LINKS_PER_TOPIC, candidatesOf, entitiesOf, idfOf, linkScorer, linksFrom, proposesPairs, relateTopics,
  type TopicEntities, type TopicLink,
} from '../../../../seed/parser/related-topics.js';
import type { IngestRows } from './ingest.repository.js';
import { MentionStatsCache, NO_CHANGE, type MentionChange } from './mention-stats.cache.js';

/**
 * What depends on more than one document: related-topic links and relation
 * evidence. A document's change updates them for its own topics and the topics
 * that pointed at them; a full recompute is kept for reindex and ontology changes.
 *
 * The incremental update scores pairs with the entity frequencies of the moment,
 * so links of topics it does not touch keep the frequencies they were scored with
 * until the next full recompute (POST /api/v1/admin/reindex): the ranking drifts
 * slowly as documents come and go, and never points at a topic that is gone.
 */
@Injectable()
export class DerivedGraphService {
  constructor(private readonly stats: MentionStatsCache) {}

  /** Evidence of these (new) topics: each relation whose both ends a topic mentions. */
  async addEvidence(rows: IngestRows, topicIds: readonly number[]): Promise<void> {
    await rows.insertEvidence(topicIds);
  }

  /**
   * Recomputes the links out of `targets`, and gives every topic one of `fresh` (new
   * topics) was scored against a link back when it makes that topic's best
   * LINKS_PER_TOPIC. Each target is scored against at most MAX_CANDIDATES topics, so
   * the cost is the document's, not the corpus's. `change` is what the transaction did to the
   * mentions, so the entity frequencies are the cached ones moved by it (MentionStatsCache).
   */
  async updateLinks(rows: IngestRows, targets: readonly number[], fresh: readonly number[], change: MentionChange = NO_CHANGE): Promise<void> {
    if (targets.length === 0) return;
    const stats = await this.stats.read(rows, change);
    const score = linkScorer(idfOf(stats));
    const sets = await rows.entitySets(targets);
    const proposing = entitiesOf(sets.values()).filter((e) => proposesPairs(stats, e));
    const postings = await rows.topicsMentioning(proposing);
    const candidates = new Map([...sets].map(([id, set]) => [id, candidatesOf(set, id, (e) => postings.get(e), stats)]));
    const known = await rows.entitySets([...new Set([...candidates.values()].flat())].filter((id) => !sets.has(id)));
    for (const [id, set] of sets) known.set(id, set);
    const topic = (id: number): TopicEntities<number> => ({ key: id, entities: known.get(id) ?? new Set() });
    const candidatesOfTarget = (id: number) => (candidates.get(id) ?? []).map(topic);

    // Every scored pair of a new topic, not only its best: a topic may rank in another's best and not the reverse.
    const freshSet = new Set(fresh);
    const scored = new Map(targets.map((id) => [id, linksFrom(topic(id), candidatesOfTarget(id), score, freshSet.has(id) ? Infinity : LINKS_PER_TOPIC)]));
    await rows.replaceLinks([...scored.values()].flatMap((links) => links.slice(0, LINKS_PER_TOPIC)), targets);

    const targetSet = new Set(targets);
    const reverse = fresh.flatMap((id) => scored.get(id) ?? []).filter((link) => !targetSet.has(link.to));
    const floors = await rows.linkFloors([...new Set(reverse.map((link) => link.to))]);
    const incoming: TopicLink<number>[] = reverse
      .filter((link) => {
        const floor = floors.get(link.to);
        return !floor || floor.count < LINKS_PER_TOPIC || link.score >= floor.min;
      })
      .map((link) => ({ from: link.to, to: link.from, score: link.score, via: link.via }));
    await rows.insertLinks(incoming);
    await rows.trimLinks([...new Set(incoming.map((link) => link.from))], LINKS_PER_TOPIC);
  }

  /** Every link and every evidence row from all stored mentions. */
  async recomputeAll(rows: IngestRows): Promise<void> {
    const topics = [...(await rows.entitySets())].map(([key, entities]) => ({ key, entities }));
    await rows.replaceLinks(relateTopics(topics, { limitPerTopic: LINKS_PER_TOPIC }));
    await rows.deleteAllEvidence();
    await rows.insertEvidence();
  }
}
