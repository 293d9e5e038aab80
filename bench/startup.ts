import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionCommand } from '../test/support/service-command';
import { bundle } from '../scripts/bundle';
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

/**
 * Milliseconds from spawn until the app answers a GraphQL query. Then the app is killed, or
 * with `graceful` stopped with SIGTERM and awaited: Node writes its compile cache only when
 * the process exits, so the start that fills the cache must not be killed.
 */
async function timeToReady(
  args: string[],
  env: Record<string, string>,
  graceful = false,
): Promise<number> {
  const script = args.at(-1) ?? '';
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  let ms: number;
  try {
    ms = await answeredAfter(port, started, child, script);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  child.kill(graceful ? 'SIGTERM' : 'SIGKILL');
  const [code] = await exited;
  if (graceful && code !== 0) throw new Error(`${script} did not exit 0 on SIGTERM: ${code}`);
  return ms;
}

async function answeredAfter(
  port: number,
  started: number,
  child: ChildProcess,
  script: string,
): Promise<number> {
  for (;;) {
    if (await answersGraphql(port)) return performance.now() - started;
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    if (performance.now() - started > 60_000) throw new Error(`${script} did not start`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface StartupFigures {
  /** The service as start:prod starts it (the bundle) / the minimal app bundled the same way. */
  readonly ratio: Spread;
  /** The same service starts / the minimal app as written (tsc's output, unbundled). */
  readonly ratioToUnbundled: Spread;
  /** Both unbundled: the service's main.js / the minimal app as written. */
  readonly unbundledRatio: Spread;
  readonly serviceMs: Spread;
  readonly minimalBundledMs: Spread;
  readonly minimalMs: Spread;
  readonly serviceUnbundledMs: Spread;
}

type Kind = 'service' | 'minimalBundled' | 'minimal' | 'serviceUnbundled';
const KINDS: readonly Kind[] = ['service', 'minimalBundled', 'minimal', 'serviceUnbundled'];

/**
 * `rounds` rounds of four starts, each round in another order (rotated, then reversed):
 * the service as npm run start:prod starts it (its node flags, its compile cache, the
 * bundle) on a new DuckDB file; the minimal NestJS + Apollo app bundled the same way
 * (scripts/bundle.ts, compile cache enabled first); the minimal app as written; and the
 * service's main.js unbundled, as before the bundle. All with the same node flags. One
 * untimed start of each first fills the compile cache, as any earlier start that stopped
 * on SIGTERM would (the timed ones are killed: they read the cache, they do not rewrite it).
 */
export async function measureStartup(rounds: number): Promise<StartupFigures> {
  const root = join(__dirname, '..');
  const { nodeFlags, entry } = productionCommand();
  const support = join(root, 'bench', 'support');
  await bundle(join(support, 'minimal-app.js'), join(support, 'minimal-app.bundle.js'));
  const service = (script: string) => async (graceful?: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
    try {
      const env = {
        NODE_ENV: 'development',
        DUCKDB_PATH: join(dir, 'db.duckdb'),
        LOG_LEVEL: 'warn',
      };
      return await timeToReady([...nodeFlags, script], env, graceful);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const minimal = (script: string) => (graceful?: boolean) =>
    timeToReady([...nodeFlags, script], {}, graceful);
  const start: Record<Kind, (graceful?: boolean) => Promise<number>> = {
    service: service(join(root, '..', entry)),
    minimalBundled: minimal(join(support, 'bundled-minimal-app.js')),
    minimal: minimal(join(support, 'minimal-app.js')),
    serviceUnbundled: service(join(root, 'src', 'main.js')),
  };
  for (const kind of KINDS) await start[kind](true);
  const ms: Record<Kind, number[]> = {
    service: [],
    minimalBundled: [],
    minimal: [],
    serviceUnbundled: [],
  };
  for (let i = 0; i < rounds; i++) {
    const rotated = [...KINDS.slice(i % 4), ...KINDS.slice(0, i % 4)];
    for (const kind of i % 8 < 4 ? rotated : rotated.reverse()) ms[kind].push(await start[kind]());
  }
  const ratio = (a: number[], b: number[]) => spread(a.map((x, i) => x / (b[i] ?? Number.NaN)));
  return {
    ratio: ratio(ms.service, ms.minimalBundled),
    ratioToUnbundled: ratio(ms.service, ms.minimal),
    unbundledRatio: ratio(ms.serviceUnbundled, ms.minimal),
    serviceMs: spread(ms.service),
    minimalBundledMs: spread(ms.minimalBundled),
    minimalMs: spread(ms.minimal),
    serviceUnbundledMs: spread(ms.serviceUnbundled),
  };
}
