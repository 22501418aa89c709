import request from 'supertest';
import type { TestApp } from './test-app.js';

export interface GraphqlAnswer {
  status: number;
  contentType: string;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }> };
}

/** POSTs one GraphQL operation over real HTTP, as a script would. */
export async function gql(t: TestApp, query: string, variables?: Record<string, unknown>, accept = 'application/json'): Promise<GraphqlAnswer> {
  const res = await request(t.server).post('/graphql').set('accept', accept).send({ query, variables });
  return { status: res.status, contentType: String(res.headers['content-type']), body: res.body };
}
