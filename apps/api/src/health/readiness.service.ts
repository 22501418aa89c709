import { Injectable } from '@nestjs/common';

export type CheckState = 'pending' | 'ok' | 'degraded' | 'down';

export interface CheckStatus {
  state: CheckState;
  detail?: string;
}

/**
 * What start-up has finished and what is degraded. A check that is pending or
 * down makes the service not ready; a degraded one (Meilisearch gone, the
 * embedded engine answering) is reported without failing readiness.
 */
@Injectable()
export class ReadinessService {
  private readonly checks = new Map<string, CheckStatus>([
    ['migrations', { state: 'pending' }],
    ['data', { state: 'pending' }],
    ['search', { state: 'pending' }],
  ]);

  set(name: string, state: CheckState, detail?: string): void {
    this.checks.set(name, detail === undefined ? { state } : { state, detail });
  }

  snapshot(): Record<string, CheckStatus> {
    return Object.fromEntries(this.checks);
  }

  isReady(): boolean {
    return [...this.checks.values()].every((check) => check.state === 'ok' || check.state === 'degraded');
  }
}
