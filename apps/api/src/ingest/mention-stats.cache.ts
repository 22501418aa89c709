import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { MentionStats } from '../../../../seed/parser/related-topics.js';
import { ContentChanges } from '../content-changes/content-changes.service.js';
import type { IngestRows } from './ingest.repository.js';

/** What one transaction did to the mentions: topics that mention something, and topics per entity. */
export interface MentionChange {
  topics: number;
  df: ReadonlyMap<string, number>;
}

export const NO_CHANGE: MentionChange = { topics: 0, df: new Map() };

/** Local writes after which the counts are read whole again, bounding what an unseen write can skew. */
const REFRESH_AFTER_WRITES = 500;

/**
 * The entity frequencies related-topic scoring needs (how many topics mention each entity), kept
 * in memory between documents. Reading them costs a scan of every mention (48–88 ms at 1000× the
 * seed on PostgreSQL), which would make every document's ingest cost grow with the corpus; instead
 * they are read whole once, then moved by each committed document's own change. Other processes'
 * writes (heard through the content log), an ontology change, a full recompute, or REFRESH_AFTER_WRITES
 * local writes make the next reader read them whole again. Scores are idf-weighted and the
 * incremental link update already tolerates stale frequencies (see DerivedGraphService), so a write
 * racing a refresh skews a score slightly until the next refresh, never a link's target.
 */
@Injectable()
export class MentionStatsCache implements OnModuleDestroy {
  private committed: { topics: number; df: Map<string, number> } | null = null;
  private writes = 0;
  private readonly unsubscribe: () => void;

  constructor(contentChanges: ContentChanges) {
    this.unsubscribe = contentChanges.onChanges(async () => this.invalidate());
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /**
   * The frequencies as a transaction that made `change` sees them. Read whole inside the
   * transaction when nothing is cached (the read includes the transaction's own change).
   */
  async read(rows: IngestRows, change: MentionChange = NO_CHANGE): Promise<MentionStats> {
    if (!this.committed) {
      const stats = await rows.mentionStats();
      // What was committed before this transaction: the read minus its own change.
      this.committed = applied(stats, change, -1);
      return stats;
    }
    return applied(this.committed, change, 1);
  }

  /** A transaction that made `change` committed. */
  committedChange(change: MentionChange): void {
    if (!this.committed) return;
    this.committed = applied(this.committed, change, 1);
    if (++this.writes >= REFRESH_AFTER_WRITES) this.invalidate();
  }

  invalidate(): void {
    this.committed = null;
    this.writes = 0;
  }
}

/** The change between two states of some topics: each topic's entities before and after. */
export function mentionChange(before: Iterable<ReadonlySet<string>>, after: Iterable<ReadonlySet<string>>): MentionChange {
  const df = new Map<string, number>();
  let topics = 0;
  const count = (sets: Iterable<ReadonlySet<string>>, sign: number) => {
    for (const set of sets) {
      if (set.size === 0) continue;
      topics += sign;
      for (const entity of set) df.set(entity, (df.get(entity) ?? 0) + sign);
    }
  };
  count(before, -1);
  count(after, 1);
  return { topics, df };
}

function applied(stats: MentionStats, change: MentionChange, sign: number): { topics: number; df: Map<string, number> } {
  const df = new Map(stats.df);
  for (const [entity, delta] of change.df) {
    const value = (df.get(entity) ?? 0) + sign * delta;
    if (value > 0) df.set(entity, value);
    else df.delete(entity);
  }
  return { topics: stats.topics + sign * change.topics, df };
}
