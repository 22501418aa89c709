import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { DomainError } from '../common/problems.js';

/** The MCP specification's code for resources/read of a URI that names nothing. */
export const RESOURCE_NOT_FOUND = -32002;

/**
 * A failure of a resource read or a prompt as the JSON-RPC error the client gets: what the caller
 * can fix (an unknown slug, a bad argument) says so; anything else is logged and not leaked.
 */
export function toMcpError(error: unknown, logger: Logger, notFoundCode: number): McpError {
  if (error instanceof McpError) return error;
  if (error instanceof DomainError && error.status < 500) {
    return new McpError(error.status === 404 ? notFoundCode : ErrorCode.InvalidParams, error.message);
  }
  if (error instanceof DomainError) return new McpError(ErrorCode.InternalError, error.message);
  logger.error({ err: error }, 'MCP request failed');
  return new McpError(ErrorCode.InternalError, 'The knowledge base failed to answer; try again later.');
}
