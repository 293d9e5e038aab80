import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  total: number;
  /** From the first request sent to the last answer (what a fixed amount takes). */
  wallMs: number;
}

/** Sends POST bodies (cycled) from 32 connections for some seconds, from a separate process. */
export function load(
  url: string,
  bodies: string[],
  seconds: number,
  connections = 32,
): Promise<LoadResult> {
  return run({ url, bodies, seconds, connections });
}

/**
 * Sends exactly `amount` POST bodies (cycled) over `connections` connections, from a
 * separate process: with as many connections as requests, all are in flight at once.
 */
export function loadAmount(
  url: string,
  bodies: string[],
  amount: number,
  connections: number,
): Promise<LoadResult> {
  return run({ url, bodies, seconds: 0, connections, amount });
}

function run(request: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load-worker.js'));
    child.once('message', (result: LoadResult | { error: string }) =>
      'error' in result ? reject(new Error(result.error)) : resolve(result),
    );
    child.once('error', reject);
    child.send(request);
  });
}
