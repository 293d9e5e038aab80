import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { somePlayers, somePredictions } from '../test/support/builders';
import { CONSOLIDATE, STAGE, START } from '../test/support/consolidation-api';
import { productionCommand } from '../test/support/service-command';
import { completionBodies } from './completion-throughput';
import { freePort } from './startup';
import { load } from './support/load';

const DAY = '2026-01-30';
const QUERY = `query($d: Date!) { predictionSummary(gameDate: $d) { predictions players duplicateKeys lastUpdatedAt bySystem { systemId predictions players } } }`;

/** Profiling aids (bench/profile-service-memory.ts); the benchmark uses neither. */
export interface MemoryProfiling {
  /** Node flags instead of start:prod's (e.g. another heap ceiling). */
  readonly nodeFlags?: readonly string[];
  /** Where to write /proc/<pid>/smaps after each phase. */
  readonly smapsDir?: string;
}

export interface ServiceMemory {
  /** VmHWM of the service process: its peak resident set. */
  readonly peakMb: number;
  /** VmRSS after each phase. */
  readonly phases: readonly { phase: string; rssMb: number }[];
}

function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * The service as production starts it (start:prod's node flags), in its own process on a
 * copy of the 365-day database, driven over HTTP through the work of figures 1-4: the
 * completion loads, a day staged by 450 players and consolidated (and again, every row
 * updated), predictionSummary. Its peak resident set is read from /proc: nothing of the
 * bench harness (hand-written MERGEs, raw queries) is counted.
 */
export async function measureServiceMemory(
  historyPath: string,
  seconds: number,
  reps: number,
  profiling: MemoryProfiling = {},
): Promise<ServiceMemory> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const dbPath = join(dir, 'service.duckdb');
  copyFileSync(historyPath, dbPath);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const command = productionCommand();
  const flags = profiling.nodeFlags ?? command.nodeFlags;
  const child = spawn(process.execPath, [...flags, command.entry], {
    cwd: join(__dirname, '..', '..'),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DUCKDB_PATH: dbPath,
      LOG_LEVEL: 'warn',
      CONSOLIDATION_CRON_ENABLED: 'false',
    },
    stdio: 'ignore',
  });
  const pid = child.pid ?? 0;
  const phases: { phase: string; rssMb: number }[] = [];
  const mark = (phase: string) => {
    phases.push({ phase, rssMb: Math.round(statusMb(pid, 'VmRSS')) });
    if (profiling.smapsDir) {
      const file = join(profiling.smapsDir, `${phases.length}-${phase.replace(/\W+/g, '_')}.smaps`);
      writeFileSync(file, readFileSync(`/proc/${pid}/smaps`, 'utf8'));
    }
  };
  const gql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const start = async (gameDate: string, players: string[], force = false) =>
    (
      await gql<{ startBatch: { batch: { id: string } } }>(START, {
        input: { gameDate, players, force },
      })
    ).startBatch.batch.id;
  try {
    for (let ready = false; !ready;) {
      ready = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.status < 500)
        .catch(() => false);
      if (!ready) await new Promise((r) => setTimeout(r, 20));
    }
    mark('ready');

    const players = somePlayers(450);
    const day = await start('2026-02-01', [...players, 'never_completes']);
    const fresh = await start('2026-02-02', [...players, 'never_completes']);
    await load(url, [JSON.stringify({ query: '{ __typename }' })], seconds);
    await load(url, completionBodies(day, players, 1), seconds);
    await load(url, completionBodies(fresh, players, 200), seconds);
    mark('completion loads');

    const stageDay = async (batchId: string) => {
      const queue = [...players];
      const lane = async () => {
        for (let p = queue.shift(); p; p = queue.shift())
          await gql(STAGE, {
            input: {
              batchId,
              playerLookup: p,
              predictions: somePredictions(p, 30, { gameDate: DAY }),
            },
          });
      };
      // Eight workers at a time, as a day's fan-out delivers them.
      await Promise.all(Array.from({ length: 8 }, lane));
    };
    for (let rep = 0; rep < reps; rep++) {
      const batchId = await start(DAY, players, true);
      await stageDay(batchId);
      if (rep === 0) mark('staged');
      await gql(CONSOLIDATE, { batchId });
      if (rep === 0) mark('consolidated');
      await stageDay(batchId);
      await gql(CONSOLIDATE, { batchId });
      if (rep === 0) mark('staged and consolidated again');
    }
    mark(`${reps} day(s) consolidated`);

    for (let i = 0; i < 15; i++) await gql(QUERY, { d: '2026-01-15' });
    mark('queries');
    return { peakMb: statusMb(pid, 'VmHWM'), phases };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
