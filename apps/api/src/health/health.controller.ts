import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { problem } from '../common/problems.js';
import { DatabaseService } from '../database/database.service.js';
import { ReadinessService, type CheckStatus } from './readiness.service.js';

const PING_TIMEOUT_MS = 2000;

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly database: DatabaseService,
  ) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  live() {
    return { status: 'live' };
  }

  /** Ready when migrations ran, data and search index are loaded, and the database answers now. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply) {
    const checks: Record<string, CheckStatus> = { ...this.readiness.snapshot(), database: await this.pingDatabase() };
    const ready = this.readiness.isReady() && checks.database!.state === 'ok';
    if (ready) return reply.send({ status: 'ready', checks });
    const failing = Object.entries(checks)
      .filter(([, check]) => check.state === 'pending' || check.state === 'down')
      .map(([name, check]) => `${name} ${check.state}${check.detail ? ` (${check.detail})` : ''}`);
    return reply
      .status(503)
      .type('application/problem+json')
      .send({ ...problem(503, `Not ready: ${failing.join(', ')}`, 'not-ready'), checks });
  }

  private async pingDatabase(): Promise<CheckStatus> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
        }),
      ]);
      return { state: 'ok' };
    } catch (error) {
      return { state: 'down', detail: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
