import type { AppConfig } from '../config/app-config.js';

/** What an HTTP request says about where the client reached us (Fastify's request.protocol and request.host). */
export interface RequestOrigin {
  protocol: string;
  host: string | undefined;
}

/** A Host header as clients send it: a name or an IPv4/[IPv6] address, and maybe a port. Anything else is ignored. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
/** The unspecified addresses: a client that reached 0.0.0.0 reached a loopback, and nobody else can open it. */
const UNSPECIFIED = /^(?:0\.0\.0\.0|\[::\])(?::\d+)?$/;

/**
 * The base of the links MCP answers carry: PUBLIC_URL when set; else the origin the HTTP client
 * used (its Host, through a trusted proxy its X-Forwarded-Host/Proto); else, over stdio or for a
 * request without a usable Host, this machine's loopback. Never the bind address: 0.0.0.0 in a
 * pod is no address a client can open.
 */
export function publicBaseUrl(config: Pick<AppConfig, 'publicUrl' | 'port'>, origin?: RequestOrigin): string {
  if (config.publicUrl) return config.publicUrl;
  if (origin?.host && HOST.test(origin.host) && !UNSPECIFIED.test(origin.host) && (origin.protocol === 'http' || origin.protocol === 'https')) {
    return `${origin.protocol}://${origin.host}`;
  }
  return `http://127.0.0.1:${config.port}`;
}
