import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { projectRoot } from '../common/project-root.js';
import { registerDocsPage } from './docs-page.js';
import { ProblemDetailsDto, problemResponse } from './problem.schema.js';

export const ADMIN_KEY_SCHEME = 'adminKey';
export const RETRIEVAL_KEY_SCHEME = 'retrievalKey';
export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/** The OpenAPI document, built from the controllers' and DTOs' decorators. */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const { version } = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  const config = new DocumentBuilder()
    .setTitle('kubenotes API')
    .setDescription(
      'Kubernetes study notes as a typed topic graph: topics, entities, typed relations, search and retrieval. ' +
        'Every error is RFC 9457 problem JSON (`application/problem+json`). ' +
        'Lists are cursor-paginated: pass `nextCursor` back as `cursor` until it is null.',
    )
    .setVersion(version)
    // Relative: the document describes the server that serves it, wherever that is.
    .addServer('/')
    .addTag('topics', 'Sections of the notes')
    .addTag('entities', 'Kubernetes concepts from the ontology')
    .addTag('graph', 'Typed relations between entities')
    .addTag('search', 'Full-text search')
    .addTag('retrieval', 'Cited passages for chatbots')
    .addTag('dify', "Dify's External Knowledge API")
    .addTag('documents', 'The notes documents')
    .addTag('manifests', 'Kubernetes manifests in the notes, checked')
    .addTag('admin', 'Maintenance behind the admin key')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'ADMIN_API_KEY, for the write endpoints' }, ADMIN_KEY_SCHEME)
    .addSecurity(RETRIEVAL_KEY_SCHEME, { type: 'http', scheme: 'bearer', description: 'RETRIEVAL_API_KEY, for the Dify endpoint when it is set' })
    // Answers any route can give: rate limiting, a lost database, our own failure.
    .addGlobalResponse(problemResponse(429), problemResponse(500), problemResponse(503))
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto] });
}

/** GET /openapi.json (built once, on first request, when every route is known) and the reference page at /docs. */
export function setupOpenApi(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  let json: string | undefined;
  fastify.get(OPENAPI_PATH, (_request, reply) => {
    json ??= JSON.stringify(buildOpenApiDocument(app));
    return reply.type('application/json; charset=utf-8').send(json);
  });
  registerDocsPage(fastify, { path: DOCS_PATH, openApiPath: OPENAPI_PATH, title: 'kubenotes API reference' });
}
