import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError } from './problems.js';

/**
 * Guards the write endpoints with `x-api-key`. No ADMIN_API_KEY configured
 * means writes are switched off (403), so a fresh install is read-only.
 */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.adminApiKey;
    if (!expected) throw new DomainError(403, 'writes-disabled', 'Write endpoints are disabled: the server has no ADMIN_API_KEY');
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const given = request.headers['x-api-key'];
    if (typeof given !== 'string' || given === '') {
      throw new DomainError(401, 'missing-api-key', 'This endpoint needs the x-api-key header');
    }
    if (!sameSecret(given, expected)) throw new DomainError(403, 'bad-api-key', 'The x-api-key header does not match');
    return true;
  }
}

/** Constant-time comparison; hashing first makes the lengths equal so length leaks nothing either. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
