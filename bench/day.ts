import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionCommand } from '../test/support/service-command';
import { freePort } from './startup';
import { loadAmount } from './support/load';
import { spread, type Spread } from './support/measure';
import { simulateDay } from './support/simulated-day';

const TYPENAME = JSON.stringify({ query: '{ __typename }' });
/** simulate's default: players worked on at once. */
const CONCURRENCY = 8;

export interface DayFigures {
  /** Per day: the day's wall time / the same number of `{ __typename }` at the same concurrency. */
  readonly ratio: Spread;
  readonly dayMs: Spread;
  readonly typenameMs: Spread;
  readonly requests: number;
}

/**
 * `days` whole 450-player days with `npm run simulate -- --players 450 --predictions 30`
 * against the service started as npm run start:prod (a new DuckDB file), each followed by
 * as many `{ __typename }` requests, 8 at a time, on the same server.
 */
export async function measureDays(count: number): Promise<DayFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-day-'));
  const port = await freePort();
  const command = productionCommand();
  const child: ChildProcess = spawn(process.execPath, [...command.nodeFlags, command.entry], {
    cwd: join(__dirname, '..', '..'),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DUCKDB_PATH: join(dir, 'db.duckdb'),
      LOG_LEVEL: 'warn',
      CONSOLIDATION_CRON_ENABLED: 'false',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    for (;;) {
      const up = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.status < 500)
        .catch(() => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const dayMs: number[] = [];
    const typenameMs: number[] = [];
    let requests = 0;
    for (let day = 1; day <= count; day++) {
      const date = new Date(Date.UTC(2026, 8, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const simulated = await simulateDay(url, date, day);
      requests = simulated.requests;
      const plain = await loadAmount(url, [TYPENAME], simulated.requests, CONCURRENCY);
      if (plain.errors > 0 || plain.non2xx > 0) throw new Error('the __typename requests failed');
      dayMs.push(simulated.wallMs);
      typenameMs.push(plain.wallMs);
    }
    return {
      ratio: spread(dayMs.map((d, i) => d / (typenameMs[i] ?? Number.NaN))),
      dayMs: spread(dayMs),
      typenameMs: spread(typenameMs),
      requests,
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
