import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError } from './problems.js';

/**
 * Guards the write endpoints (REST routes and GraphQL mutations) with
 * `x-api-key`. No ADMIN_API_KEY configured means writes are switched off (403),
 * so a fresh install is read-only.
 */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.adminApiKey;
    if (!expected) throw new DomainError(403, 'writes-disabled', 'Write endpoints are disabled: the server has no ADMIN_API_KEY');
    const given = requestOf(context).headers['x-api-key'];
    if (typeof given !== 'string' || given === '') {
      throw new DomainError(401, 'missing-api-key', 'This endpoint needs the x-api-key header');
    }
    if (!sameSecret(given, expected)) throw new DomainError(403, 'bad-api-key', 'The x-api-key header does not match');
    return true;
  }
}

/** Mercurius puts the reply (and so the request) in every resolver's context. */
function requestOf(context: ExecutionContext): FastifyRequest {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ reply: FastifyReply }>().reply.request;
  return context.switchToHttp().getRequest<FastifyRequest>();
}

/** Constant-time comparison; hashing first makes the lengths equal so length leaks nothing either. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
