import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionCommand } from '../test/support/service-command';
import { spread, type Spread } from './support/measure';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The probe of readiness, the same for both apps: a GraphQL query over POST, answered with
 * its data. Any HTTP answer would do less: /healthz (or a GET refused as a possible CSRF)
 * says the port is open, not that the schema is built and a query goes through.
 */
const PROBE_BODY = JSON.stringify({ query: '{ __typename }' });

async function answersGraphql(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: PROBE_BODY,
    });
    const body = (await response.json()) as { data?: { __typename?: string } };
    return response.status === 200 && body.data?.__typename === 'Query';
  } catch {
    return false; // not listening yet
  }
}

/** Milliseconds from spawn until the app answers a GraphQL query. */
async function timeToReady(args: string[], env: Record<string, string>): Promise<number> {
  const script = args.at(-1) ?? '';
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (await answersGraphql(port)) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error(`${script} did not start`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

export interface StartupFigures {
  /** Per pair: the service's start / the minimal app's, started one after the other. */
  readonly ratio: Spread;
  readonly serviceMs: Spread;
  readonly minimalMs: Spread;
}

/**
 * `pairs` paired starts (each pair in alternating order): the service as npm run
 * start:prod starts it (its node flags, its compile cache) on a new DuckDB file, and the
 * minimal NestJS + Apollo app with the same flags and the compile cache enabled the same
 * way. One untimed start of each first fills the compile cache, as any earlier start would.
 */
export async function measureStartup(pairs: number): Promise<StartupFigures> {
  const root = join(__dirname, '..');
  const { nodeFlags, entry } = productionCommand();
  const service = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
    try {
      return await timeToReady([...nodeFlags, join(root, '..', entry)], {
        NODE_ENV: 'development',
        DUCKDB_PATH: join(dir, 'db.duckdb'),
        LOG_LEVEL: 'warn',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const minimal = () => timeToReady([...nodeFlags, join(root, 'bench/support/minimal-app.js')], {});
  await service();
  await minimal();
  const serviceMs: number[] = [];
  const minimalMs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      serviceMs.push(await service());
      minimalMs.push(await minimal());
    } else {
      minimalMs.push(await minimal());
      serviceMs.push(await service());
    }
  }
  return {
    ratio: spread(serviceMs.map((s, i) => s / (minimalMs[i] ?? Number.NaN))),
    serviceMs: spread(serviceMs),
    minimalMs: spread(minimalMs),
  };
}
