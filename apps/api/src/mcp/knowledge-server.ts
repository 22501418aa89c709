import { Inject, Injectable } from '@nestjs/common';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KnowledgePrompts } from './knowledge-prompts.js';
import { KnowledgeResources } from './knowledge-resources.js';
import { KnowledgeTools } from './knowledge-tools.js';
import { Links, type McpContext } from './mcp-context.js';
import { publicBaseUrl, type RequestOrigin } from './public-url.js';

export interface KnowledgeServerOptions {
  /** Tools, resources and prompts wait for it (stdio answers the handshake at once, while the data still loads). */
  ready?: Promise<unknown>;
  /** The HTTP request's origin, for links when PUBLIC_URL is unset; none over stdio. */
  origin?: RequestOrigin;
}

/**
 * The knowledge base as one MCP server: tools, resources and prompts. One per client connection
 * (stdio) or per request (stateless streamable HTTP); the services behind are shared.
 */
@Injectable()
export class KnowledgeServer {
  constructor(
    private readonly tools: KnowledgeTools,
    private readonly resources: KnowledgeResources,
    private readonly prompts: KnowledgePrompts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  create(options: KnowledgeServerOptions = {}): McpServer {
    const context: McpContext = { ready: options.ready ?? Promise.resolve(), links: new Links(publicBaseUrl(this.config, options.origin)) };
    const server = new McpServer({ name: 'kubenotes', version: '0.1.0' }, {
      instructions: 'Kubernetes study notes (Chinese and English). Use retrieve for questions and quote passages with their citation (document, lines); '
        + 'read whole topics and documents as kubenotes://topics/{slug} and kubenotes://documents/{slug} resources.',
    });
    this.tools.register(server, context);
    this.resources.register(server, context);
    this.prompts.register(server, context);
    return server;
  }
}
