import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { loadConfig } from '../apps/api/src/config/app-config.js';

const root = new URL('..', import.meta.url).pathname;

/** `docker compose` (v2 plugin) where it exists, else Debian's docker-compose; neither needs an engine for `config`. */
function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  return ['docker-compose'];
}

function composeConfig(file: string, options: { profile?: string; env?: Record<string, string> } = {}): { status: number | null; stdout: string; stderr: string } {
  const [cmd, ...args] = composeCommand();
  const profile = options.profile ? ['--profile', options.profile] : [];
  const result = spawnSync(cmd!, [...args, '-f', file, ...profile, 'config'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('docker-compose.yml', () => {
  it('is accepted by docker compose config, with a health check on every service', () => {
    const result = composeConfig(join(root, 'docker-compose.yml'));
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const config = parse(result.stdout);
    // docker-compose v1 lists services of every profile, v2 only the active ones: the optional ones have a profile.
    const always = Object.keys(config.services).filter((name) => !config.services[name].profiles);
    expect(always.sort()).toEqual(['api', 'meilisearch', 'postgres']);
    for (const service of Object.values<{ healthcheck?: { test: unknown } }>(config.services)) {
      expect(service.healthcheck?.test).toBeDefined();
    }
    expect(config.services.meilisearch.environment.MEILI_MASTER_KEY).toBeTruthy();
    expect(config.services.api.environment.MEILI_API_KEY).toBe(config.services.meilisearch.environment.MEILI_MASTER_KEY);
    expect(config.services.api.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      meilisearch: { condition: 'service_healthy' },
    });
  });

  it('offers Redis for the shared rate limit as an option (profile "redis"), which the API does not wait for', () => {
    const result = composeConfig(join(root, 'docker-compose.yml'), { profile: 'redis', env: { REDIS_URL: 'redis://redis:6379' } });
    expect(result.status).toBe(0);
    const config = parse(result.stdout);
    expect(config.services.redis.profiles).toEqual(['redis']);
    expect(config.services.redis.healthcheck?.test).toBeDefined();
    expect(config.services.api.environment.REDIS_URL).toBe('redis://redis:6379');
    // Without the profile there is no redis service to wait for, and the API fails open while Redis is away anyway.
    expect(Object.keys(config.services.api.depends_on)).not.toContain('redis');
    expect(loadConfig(config.services.api.environment)).toMatchObject({ redisUrl: 'redis://redis:6379', trustProxy: false });
  });

  it('the same command rejects a broken file (the check is real)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubenotes-compose-'));
    const broken = join(dir, 'docker-compose.yml');
    writeFileSync(broken, 'services:\n  api:\n    image: x\n    healthcheck: "not a mapping"\n');
    expect(composeConfig(broken).status).not.toBe(0);
  });

  it('builds the API from a multi-stage Dockerfile that runs as a non-root user', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
