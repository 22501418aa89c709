import { Controller, Delete, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { KnowledgeServer } from './knowledge-server.js';

/**
 * MCP over streamable HTTP at /mcp, stateless: every POST gets a fresh server
 * and transport, so any instance can answer any request. Fastify has already
 * parsed the JSON body; the transport takes it as parsedBody and writes the raw reply.
 * JSON-RPC, not REST: left out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller('mcp')
export class McpController {
  constructor(
    private readonly servers: KnowledgeServer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  async post(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const server = this.servers.create({ origin: { protocol: request.protocol, host: request.host } });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (error) {
      this.logger.error({ err: error }, 'MCP request failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null }));
      }
    }
  }

  /** No sessions, so no server-to-client stream (GET) and nothing to end (DELETE). */
  @Get()
  get(@Res() reply: FastifyReply): void {
    notAllowed(reply);
  }

  @Delete()
  delete(@Res() reply: FastifyReply): void {
    notAllowed(reply);
  }
}

function notAllowed(reply: FastifyReply): void {
  void reply
    .status(405)
    .header('allow', 'POST')
    .send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP endpoint is stateless, POST only' }, id: null });
}
