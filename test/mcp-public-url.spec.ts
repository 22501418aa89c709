import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../apps/api/src/config/app-config.js';
import { publicBaseUrl } from '../apps/api/src/mcp/public-url.js';

describe('PUBLIC_URL', () => {
  it('is optional, and a trailing slash is dropped', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: ' ' }).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://notes.example.com/kb/' }).publicUrl).toBe('https://notes.example.com/kb');
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.7:3000' }).publicUrl).toBe('http://10.0.0.7:3000');
  });

  it.each(['notes.example.com', 'ftp://notes.example.com', 'https://', 'https://notes.example.com/?a=1', 'https://notes.example.com/#top'])(
    'refuses %s with an error naming PUBLIC_URL',
    (value) => {
      expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(ConfigError);
      expect(() => loadConfig({ PUBLIC_URL: value })).toThrow(/^PUBLIC_URL: /);
    },
  );
});

describe('the base of links in MCP answers', () => {
  const config = { port: 3000, publicUrl: undefined };

  it('is PUBLIC_URL when set, whatever the request says', () => {
    expect(publicBaseUrl({ ...config, publicUrl: 'https://notes.example.com/kb' }, { protocol: 'http', host: 'evil.example' })).toBe('https://notes.example.com/kb');
  });

  it('else the origin the HTTP client used', () => {
    expect(publicBaseUrl(config, { protocol: 'http', host: 'notes.internal:8080' })).toBe('http://notes.internal:8080');
    expect(publicBaseUrl(config, { protocol: 'https', host: 'notes.example.com' })).toBe('https://notes.example.com');
    expect(publicBaseUrl(config, { protocol: 'http', host: '[::1]:3000' })).toBe('http://[::1]:3000');
  });

  it('else (stdio, or no usable Host) this machine\'s loopback on PORT, never the unspecified bind address', () => {
    expect(publicBaseUrl(config)).toBe('http://127.0.0.1:3000');
    expect(publicBaseUrl({ ...config, port: 8080 }, { protocol: 'http', host: undefined })).toBe('http://127.0.0.1:8080');
    for (const host of ['0.0.0.0:3000', '0.0.0.0', '[::]:3000', 'a b', 'x/y', 'x@y', '']) {
      expect({ host, base: publicBaseUrl(config, { protocol: 'http', host }) }).toEqual({ host, base: 'http://127.0.0.1:3000' });
    }
    expect(publicBaseUrl(config, { protocol: 'gopher', host: 'notes.internal' })).toBe('http://127.0.0.1:3000');
  });
});
