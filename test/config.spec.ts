import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../apps/api/src/config/app-config.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './.data',
      meiliUrl: undefined,
      adminApiKey: undefined,
      logLevel: 'info',
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', MEILI_URL: ' ' })).toMatchObject({ databaseUrl: undefined, meiliUrl: undefined });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['MEILI_URL', 'localhost:7700'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'localhost:6379'],
    ['CONTENT_POLL_MS', '50'],
    ['TRUST_PROXY', '10.0.0.0/40'],
    ['TRUST_PROXY', 'true'],
  ])('rejects %s=%s with an error naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}: `));
  });

  it('replicas: no Redis, no trusted proxy, a 2 s content poll unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ redisUrl: undefined, trustProxy: false, contentPollMs: 2000 });
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379/0', CONTENT_POLL_MS: '500' })).toMatchObject({ redisUrl: 'redis://redis:6379/0', contentPollMs: 500 });
  });

  it('TRUST_PROXY takes proxy addresses, CIDR ranges and proxy-addr\'s range names, and refuses a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, 192.168.1.7 ,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback']);
    // Fastify 5 ignores a hop count (it cannot tell a proxy from a client writing the header itself): say so at start-up.
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/^TRUST_PROXY: .*hop counts are not accepted/);
  });
});
