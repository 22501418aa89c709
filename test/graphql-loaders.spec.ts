import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { EntitiesRepository } from '../apps/api/src/entities/entities.repository.js';
import { TopicsRepository } from '../apps/api/src/topics/topics.repository.js';
import { gql } from './support/graphql-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Proves the DataLoaders: a nested query costs the same number of database
 * round trips whatever the page size. Counted twice, at the driver (every SQL
 * statement PGlite or pg runs) and at the repositories (every batch call), so
 * an N+1 anywhere (a resolver calling a repository per row) makes the counts
 * grow with `first` and this test fail.
 */
const NESTED = `query Nested($first: Int) {
  topics(first: $first) {
    edges { node {
      slug body parent { slug title }
      snippets { kind }
      children { slug snippets { kind manifest { kind } } }
      entities {
        slug
        ... on ServiceType { dnsRecord }
        topics { slug }
        relations { type direction entity { slug name } }
      }
    } }
  }
}`;

let sqlStatements = 0;
const repositoryCalls: string[] = [];

function countSql(): void {
  for (const proto of [PGlite.prototype, pg.Client.prototype] as Array<{ query: (...args: unknown[]) => unknown }>) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      sqlStatements++;
      return original.apply(this, args);
    };
  }
}

function countRepositoryCalls(t: TestApp): void {
  for (const token of [TopicsRepository, EntitiesRepository]) {
    const repository = t.app.get(token) as unknown as Record<string, (...args: unknown[]) => unknown>;
    const proto = Object.getPrototypeOf(repository) as object;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || typeof repository[name] !== 'function') continue;
      const original = repository[name]!.bind(repository);
      repository[name] = (...args: unknown[]) => {
        repositoryCalls.push(`${token.name}.${name}`);
        return original(...args);
      };
    }
  }
}

async function measure(t: TestApp, first: number) {
  sqlStatements = 0;
  repositoryCalls.length = 0;
  const answer = await gql(t, NESTED, { first });
  expect(answer.body.errors).toBeUndefined();
  return { edges: answer.body.data!.topics.edges as Array<{ node: { children: unknown[]; entities: Array<{ relations: unknown[] }> } }>, sql: sqlStatements, calls: [...repositoryCalls] };
}

describe('GraphQL DataLoaders', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The content-change poll runs its own SQL every 2 s on PostgreSQL; push it past the test so
    // the driver count holds only the request's statements (a poll inside one of the two requests failed CI).
    t = await startTestApp({ CONTENT_POLL_MS: '600000' });
    countRepositoryCalls(t);
    countSql();
  }, 120_000);
  afterAll(() => t?.close());

  it('costs the same round trips for 2 topics as for 30, one batch per relation level', async () => {
    const small = await measure(t, 2);
    const large = await measure(t, 30);
    expect(small.edges).toHaveLength(2);
    expect(large.edges).toHaveLength(30);
    // The large page really has nested rows to load, so an N+1 would show.
    expect(large.edges.filter((e) => e.node.entities.length > 0).length).toBeGreaterThan(10);
    expect(large.edges.flatMap((e) => e.node.entities).filter((e) => e.relations.length > 0).length).toBeGreaterThan(10);

    // Never more for 30 than for 2 (fewer happens: a level whose topics an earlier level of the same request loaded costs nothing).
    expect(large.calls.length).toBeLessThanOrEqual(small.calls.length);
    expect(large.sql).toBeLessThanOrEqual(small.sql);
    // list, nodes, then one batch per level: topics (parents, children, an entity's topics) and entities (with their relations).
    expect(large.calls.length).toBeLessThanOrEqual(6);
    expect(large.sql).toBeGreaterThanOrEqual(large.calls.length);
    // Each batch method ran once, whatever the number of parents.
    const perMethod = new Map<string, number>();
    for (const call of large.calls) perMethod.set(call, (perMethod.get(call) ?? 0) + 1);
    expect(Math.max(...perMethod.values())).toBeLessThanOrEqual(3);
  });
});
