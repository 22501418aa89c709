import { Inject, Injectable } from '@nestjs/common';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, ListResourcesRequestSchema, McpError, type ListResourcesResult, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { MAX_PAGE_SIZE } from '../common/pagination.js';
import { MAX_SLUG_LENGTH } from '../common/slug.input.js';
import { DocumentsService } from '../documents/documents.service.js';
import { TopicsService } from '../topics/topics.service.js';
import type { McpContext } from './mcp-context.js';
import { RESOURCE_NOT_FOUND, toMcpError } from './mcp-errors.js';
import { DOCUMENT_URI_TEMPLATE, documentMarkdown, documentUri, TOPIC_URI_TEMPLATE, topicMarkdown, topicUri } from './resource-markdown.js';

const MARKDOWN = 'text/markdown';

/** Where resources/list resumes: documents first, then topics, each paged by its own service's cursor. */
interface ListCursor {
  k: 'documents' | 'topics';
  c?: string;
}

/**
 * Topics and documents as MCP resources: `kubenotes://topics/{slug}` and
 * `kubenotes://documents/{slug}`, read as Markdown with their citation, listed page by page.
 */
@Injectable()
export class KnowledgeResources {
  constructor(
    private readonly topics: TopicsService,
    private readonly documents: DocumentsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  register(server: McpServer, context: McpContext): void {
    const read = (work: () => Promise<ReadResourceResult>) => this.guard(async () => {
      await context.ready;
      return work();
    });
    server.registerResource('topic', new ResourceTemplate(TOPIC_URI_TEMPLATE, { list: undefined }), {
      title: 'Topic',
      description: 'A section of the notes as Markdown: its text, snippets, subtopics and entities, with its source (document and lines).',
      mimeType: MARKDOWN,
    }, (uri, { slug }) => read(async () => {
      const topic = await this.topics.get(slugOf(slug));
      return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: topicMarkdown(topic), _meta: { citation: topic.source, url: context.links.topic(topic.slug) } }] };
    }));
    server.registerResource('document', new ResourceTemplate(DOCUMENT_URI_TEMPLATE, { list: undefined }), {
      title: 'Document',
      description: 'A notes document as Markdown: its front matter and its topics in order, each a topic resource.',
      mimeType: MARKDOWN,
    }, (uri, { slug }) => read(async () => {
      const document = await this.documents.get(slugOf(slug));
      const citation = { document: document.name, lineStart: 1, lineEnd: document.lines };
      return { contents: [{ uri: uri.href, mimeType: MARKDOWN, text: documentMarkdown(document), _meta: { citation, url: context.links.document(document.slug) } }] };
    }));
    // McpServer lists every resource in one answer and ignores the cursor (typescript-sdk#2352);
    // a real corpus has thousands of topics, so this replaces its handler with a paged one.
    server.server.setRequestHandler(ListResourcesRequestSchema, (request) => this.guard(async () => {
      await context.ready;
      return this.list(request.params?.cursor);
    }));
  }

  private async list(cursor: string | undefined): Promise<ListResourcesResult> {
    const at = decodeListCursor(cursor);
    if (at.k === 'documents') {
      const page = await this.documents.list({ limit: MAX_PAGE_SIZE, cursor: at.c });
      const next: ListCursor = page.nextCursor ? { k: 'documents', c: page.nextCursor } : { k: 'topics' };
      return {
        resources: page.items.map((d) => ({ uri: documentUri(d.slug), name: d.slug, title: d.title ?? d.name, description: `Document ${d.name} (${d.topics} topics)`, mimeType: MARKDOWN })),
        nextCursor: encodeListCursor(next),
      };
    }
    const page = await this.topics.list({ limit: MAX_PAGE_SIZE, cursor: at.c });
    return {
      resources: page.items.map((t) => ({ uri: topicUri(t.slug), name: t.slug, title: t.title, mimeType: MARKDOWN })),
      ...(page.nextCursor ? { nextCursor: encodeListCursor({ k: 'topics', c: page.nextCursor }) } : {}),
    };
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toMcpError(error, this.logger, RESOURCE_NOT_FOUND);
    }
  }
}

/**
 * A URI template variable as a slug: one value, percent-decoded (topicUri encodes it), a slug's
 * length and no control characters (they would reach SQL).
 */
function slugOf(value: string | string[]): string {
  let slug: string | undefined;
  try {
    slug = typeof value === 'string' ? decodeURIComponent(value) : undefined;
  } catch {
    slug = undefined; // a malformed %-escape
  }
  // eslint-disable-next-line no-control-regex
  if (slug === undefined || slug.length === 0 || slug.length > MAX_SLUG_LENGTH || /[\u0000-\u001f\u007f]/.test(slug)) {
    throw new McpError(ErrorCode.InvalidParams, `The slug in the URI must be 1 to ${MAX_SLUG_LENGTH} characters without control characters`);
  }
  return slug;
}

const encodeListCursor = (cursor: ListCursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeListCursor(cursor: string | undefined): ListCursor {
  if (cursor === undefined) return { k: 'documents' };
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const v = value as Partial<ListCursor> | undefined;
  if (!v || (v.k !== 'documents' && v.k !== 'topics') || (v.c !== undefined && typeof v.c !== 'string')) {
    throw new McpError(ErrorCode.InvalidParams, 'cursor is not one this server returned');
  }
  return { k: v.k, ...(v.c === undefined ? {} : { c: v.c }) };
}
