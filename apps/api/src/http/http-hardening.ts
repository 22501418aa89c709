import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config.js';
import { registerCors } from './cors.js';
import { registerProblemErrorHandler } from './problem-error-handler.js';
import { registerRateLimit } from './rate-limit.js';
import { registerSecurityHeaders } from './security-headers.js';

/**
 * Fastify plugins every request passes through. Must run before app.init(), so
 * the plugins' onRoute hooks see the routes Nest registers there.
 */
export async function registerHttpHardening(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  registerProblemErrorHandler(app);
  registerCors(app, config);
  registerSecurityHeaders(app);
  await registerRateLimit(app, config);
}
