/**
 * A stand-in for Meilisearch's HTTP API (no server can run here): records every
 * request and answers like Meilisearch does — writes enqueue a task, GET /tasks/:uid
 * reports it succeeded (or failed, when told to), searches answer from the stored documents.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest { method: string; path: string; body: unknown }
type Doc = Record<string, unknown>;

export class FakeMeilisearch {
  readonly requests: RecordedRequest[] = [];
  readonly indexes = new Map<string, Doc[]>();
  /** Task types that fail (e.g. 'documentAdditionOrUpdate'). */
  readonly failing = new Set<string>();
  private readonly tasks = new Map<number, Record<string, unknown>>();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.body(req).then((body) => {
        const path = (req.url ?? '/').split('?')[0]!;
        this.requests.push({ method: req.method!, path, body });
        const [status, answer] = this.route(req.method!, path, body);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests other than task polling, as "METHOD /path". */
  writes(): string[] {
    return this.requests.filter((r) => !r.path.startsWith('/tasks/')).map((r) => `${r.method} ${r.path}`);
  }

  private async body(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : undefined;
  }

  private enqueue(indexUid: string | null, type: string, apply: () => void): [number, unknown] {
    const uid = this.tasks.size;
    const failed = this.failing.has(type);
    if (!failed) apply();
    const enqueuedAt = new Date().toISOString();
    this.tasks.set(uid, {
      uid, batchUid: uid, indexUid, type, canceledBy: null, details: {}, duration: 'PT0.001S', enqueuedAt, startedAt: enqueuedAt, finishedAt: enqueuedAt,
      status: failed ? 'failed' : 'succeeded',
      error: failed ? { message: `fake ${type} failure`, code: 'internal', type: 'internal', link: '' } : null,
    });
    return [202, { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt }];
  }

  private route(method: string, path: string, body: unknown): [number, unknown] {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const notFound: [number, unknown] = [404, { message: `Index \`${parts[1]}\` not found.`, code: 'index_not_found', type: 'invalid_request', link: '' }];
    if (method === 'GET' && parts[0] === 'health') return [200, { status: 'available' }];
    if (method === 'GET' && parts[0] === 'tasks') return [200, this.tasks.get(Number(parts[1]))];
    if (method === 'GET' && path === '/indexes') {
      const results = [...this.indexes.keys()].map((uid) => ({ uid, primaryKey: 'id', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() }));
      return [200, { results, offset: 0, limit: 1000, total: results.length }];
    }
    if (method === 'POST' && path === '/indexes') {
      const { uid } = body as { uid: string };
      return this.enqueue(uid, 'indexCreation', () => this.indexes.set(uid, []));
    }
    if (method === 'POST' && path === '/swap-indexes') {
      const [a, b] = (body as Array<{ indexes: [string, string] }>)[0]!.indexes;
      return this.enqueue(null, 'indexSwap', () => {
        const docsA = this.indexes.get(a)!;
        this.indexes.set(a, this.indexes.get(b)!);
        this.indexes.set(b, docsA);
      });
    }
    if (parts[0] !== 'indexes' || !parts[1]) return [404, { message: 'no route', code: 'not_found', type: 'invalid_request', link: '' }];
    const uid = parts[1];
    if (!this.indexes.has(uid)) return notFound;
    if (method === 'GET' && parts.length === 2) return [200, { uid, primaryKey: 'id', createdAt: '', updatedAt: '' }];
    if (method === 'DELETE' && parts.length === 2) return this.enqueue(uid, 'indexDeletion', () => this.indexes.delete(uid));
    if (method === 'PATCH' && parts[2] === 'settings') return this.enqueue(uid, 'settingsUpdate', () => undefined);
    if (method === 'POST' && parts[2] === 'documents' && parts[3] === 'delete') {
      // Only the filter shape the adapter sends: `<attribute> IN ["a", "b"]`.
      const match = /^(\w+) IN \[(.*)\]$/.exec((body as { filter: string }).filter);
      if (!match) return [400, { message: 'filter not faked', code: 'invalid_document_filter', type: 'invalid_request', link: '' }];
      const values = new Set(JSON.parse(`[${match[2]}]`) as string[]);
      return this.enqueue(uid, 'documentDeletion', () => this.indexes.set(uid, this.indexes.get(uid)!.filter((d) => !values.has(String(d[match[1]!])))));
    }
    if (method === 'POST' && parts[2] === 'documents') {
      // Meilisearch replaces a document whose primary key it already holds.
      return this.enqueue(uid, 'documentAdditionOrUpdate', () => {
        const added = body as Doc[];
        const ids = new Set(added.map((d) => d['id']));
        this.indexes.set(uid, [...this.indexes.get(uid)!.filter((d) => !ids.has(d['id'])), ...added]);
      });
    }
    if (method === 'POST' && parts[2] === 'search') {
      const { q, limit } = body as { q: string; limit: number };
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const hits = this.indexes.get(uid)!
        .filter((d) => words.some((w) => String(d['segmented']).includes(w)))
        .slice(0, limit)
        .map((d, i) => ({ ...d, _rankingScore: 1 - i / 10 }));
      return [200, { hits, query: q, processingTimeMs: 1, limit, offset: 0, estimatedTotalHits: hits.length }];
    }
    return [405, { message: 'not faked', code: 'not_faked', type: 'invalid_request', link: '' }];
  }
}
