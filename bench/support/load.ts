import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

/** Sends POST bodies (cycled) from 32 connections for some seconds, from a separate process. */
export function load(
  url: string,
  bodies: string[],
  seconds: number,
  connections = 32,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load-worker.js'));
    child.once('message', (result: LoadResult | { error: string }) =>
      'error' in result ? reject(new Error(result.error)) : resolve(result),
    );
    child.once('error', reject);
    child.send({ url, bodies, seconds, connections });
  });
}
