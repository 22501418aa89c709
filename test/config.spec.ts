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
  ])('rejects %s=%s with an error naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}: `));
  });
});
