/**
 * The evaluation talks to the application the way a user does, over HTTP to its public
 * API (the app runs in the same process, on a loopback port), so it keeps measuring the
 * same thing while the services behind the API are rewritten.
 */
import type { Passage } from '../../apps/api/src/retrieval/retrieval.types.js';
import type { SearchHit } from '../../apps/api/src/search/search.types.js';

/** What the evaluation needs of a topic: where it comes from and where it sits. */
export interface TopicPlace {
  slug: string;
  title: string;
  parentSlug: string | null;
  document: string;
}

export type IngestOutcome = { ok: true } | { ok: false; status: number; detail: string };

export class EvalApiClient {
  private readonly topics = new Map<string, Promise<TopicPlace | null>>();

  constructor(
    /** Where the application listens, e.g. http://127.0.0.1:41234 */
    private readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  /** POST /api/v1/documents; a refusal or a failure is returned, never thrown, so one bad file cannot stop a run. */
  async ingest(name: string, content: string): Promise<IngestOutcome> {
    try {
      const res = await fetch(`${this.baseUrl}/api/v1/documents`, {
        method: 'POST',
        headers: { 'x-api-key': this.adminKey, 'content-type': 'application/json' },
        body: JSON.stringify({ name, content }),
      });
      const body = await res.text();
      if (res.status < 300) return { ok: true };
      return { ok: false, status: res.status, detail: problemDetail(body) };
    } catch (error) {
      return { ok: false, status: 0, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async search(q: string, limit: number): Promise<SearchHit[]> {
    const body = await this.read('GET', `/api/v1/search?${new URLSearchParams({ q, limit: String(limit) })}`);
    return (body as { hits: SearchHit[] }).hits;
  }

  async retrieve(query: string, topK: number): Promise<Passage[]> {
    const body = await this.read('POST', '/api/v1/retrieve', { query, topK });
    return (body as { passages: Passage[] }).passages;
  }

  /** GET /api/v1/topics/{slug}, once per slug; null when there is no such topic. */
  topic(slug: string): Promise<TopicPlace | null> {
    let place = this.topics.get(slug);
    if (!place) {
      place = this.readTopic(slug);
      this.topics.set(slug, place);
    }
    return place;
  }

  private async readTopic(slug: string): Promise<TopicPlace | null> {
    const res = await fetch(`${this.baseUrl}/api/v1/topics/${encodeURIComponent(slug)}`);
    const body = await res.text();
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`GET topic ${slug}: ${res.status} ${problemDetail(body)}`);
    const t = JSON.parse(body) as { slug: string; title: string; parentSlug: string | null; source: { document: string } };
    return { slug: t.slug, title: t.title, parentSlug: t.parentSlug, document: t.source.document };
  }

  private async read(method: 'GET' | 'POST', url: string, payload?: object): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      ...(payload ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) } : {}),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${problemDetail(body)}`);
    return JSON.parse(body);
  }
}

/** The problem's detail (RFC 9457), or the start of whatever the body was. */
function problemDetail(body: string): string {
  try {
    const problem = JSON.parse(body) as { detail?: string; title?: string };
    return problem.detail ?? problem.title ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}
