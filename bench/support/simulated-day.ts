import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SimulatedDay {
  /** Spawn to exit of `npm run simulate`'s script: the whole day, its consolidation included. */
  readonly wallMs: number;
  /** The day's requests but its status polls: ping, startBatch, stagings, completions, summary. */
  readonly requests: number;
  readonly output: string;
}

/**
 * One day as `npm run simulate -- --players 450 --predictions 30` plays it (its own
 * process, its default concurrency of 8 and redelivery rate of 10%), against `url`.
 */
export function simulateDay(url: string, date: string, seed: number): Promise<SimulatedDay> {
  const script = join(__dirname, '..', '..', 'scripts', 'simulate.js');
  const args = ['--url', url, '--players', '450', '--predictions', '30'];
  args.push('--date', date, '--seed', String(seed), '--timeout', '600');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) {
        reject(new Error(`simulate exited ${code}: ${errors.slice(-2000)}`));
        return;
      }
      const counts =
        /stagings (\d+) \(\+(\d+) redelivered\), completions (\d+) \(\+(\d+) redelivered\)/.exec(
          output,
        );
      if (!counts) {
        reject(new Error(`simulate's report has no counts: ${output}`));
        return;
      }
      const sent = counts.slice(1).reduce((sum, n) => sum + Number(n), 0);
      resolve({ wallMs, requests: sent + 3, output });
    });
  });
}
