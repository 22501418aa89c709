import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * One pino logger for the process. Logs go to stdout as JSON, except under the
 * MCP stdio transport, where stdout carries the protocol and logs go to stderr.
 */
export function createLogger(level: AppConfig['logLevel'], destination: 1 | 2 = 1): Logger {
  return pino({ level, base: { service: 'kubenotes' } }, pino.destination({ fd: destination, sync: false }));
}

/** Lets Nest's own messages (module init, routes) go through the same structured logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export const LOGGER = Symbol('LOGGER');
