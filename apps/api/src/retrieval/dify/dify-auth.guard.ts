import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { sameSecret } from '../../common/admin-key.guard.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DifyError } from './dify-error.js';

/** `Authorization: Bearer <RETRIEVAL_API_KEY>` when that key is set; open otherwise, like the other reads. */
@Injectable()
export class DifyAuthGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.retrievalApiKey;
    if (!expected) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const match = typeof header === 'string' ? /^Bearer +(\S+)$/i.exec(header.trim()) : null;
    if (!match) throw DifyError.of('badAuthorizationHeader');
    if (!sameSecret(match[1]!, expected)) throw DifyError.of('authorizationFailed');
    return true;
  }
}
