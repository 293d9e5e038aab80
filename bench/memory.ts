import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BigQueryDouble } from '../test/support/bigquery-double';
import { productionCommand } from '../test/support/service-command';
import { freePort } from './startup';
import { serveWarehouse } from './support/remote-warehouse';
import { simulateDay } from './support/simulated-day';

/** Profiling aids (bench/profile-service-memory.ts); the benchmark uses neither. */
export interface MemoryProfiling {
  /** Node flags instead of start:prod's (e.g. another heap ceiling). */
  readonly nodeFlags?: readonly string[];
  /** Where to write /proc/<pid>/smaps after each day. */
  readonly smapsDir?: string;
}

export interface DayMemory {
  readonly day: number;
  /** The process's peak resident set during the day (VmHWM, reset when the day starts). */
  readonly peakMb: number;
  /** Its resident set once the day is consolidated. */
  readonly rssMb: number;
  readonly seconds: number;
}

export interface ServiceMemory {
  readonly readyMb: number;
  readonly days: readonly DayMemory[];
  /** The peak over the whole run, start-up included. */
  readonly peakMb: number;
}

function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
}

/** Resets the process's VmHWM to its current resident set (Linux clear_refs 5). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function ready(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode})`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Simulated days against a started service, each day's peak read from /proc. */
async function days(
  child: ChildProcess,
  port: number,
  count: number,
  profiling: MemoryProfiling,
): Promise<ServiceMemory> {
  const pid = child.pid ?? 0;
  await ready(port, child);
  const readyMb = statusMb(pid, 'VmRSS');
  let peakMb = statusMb(pid, 'VmHWM');
  const result: DayMemory[] = [];
  for (let day = 1; day <= count; day++) {
    const date = new Date(Date.UTC(2026, 5, 1) + day * 86_400_000).toISOString().slice(0, 10);
    peakMb = Math.max(peakMb, statusMb(pid, 'VmHWM'));
    resetPeak(pid);
    const started = performance.now();
    await simulateDay(`http://127.0.0.1:${port}/graphql`, date, day);
    const dayPeak = statusMb(pid, 'VmHWM');
    peakMb = Math.max(peakMb, dayPeak);
    result.push({
      day,
      peakMb: dayPeak,
      rssMb: statusMb(pid, 'VmRSS'),
      seconds: (performance.now() - started) / 1000,
    });
    if (profiling.smapsDir)
      writeFileSync(
        join(profiling.smapsDir, `day-${day}.smaps`),
        readFileSync(`/proc/${pid}/smaps`, 'utf8'),
      );
    process.stdout.write(`  day ${day}: peak ${dayPeak.toFixed(0)} MB\n`);
  }
  return { readyMb, days: result, peakMb };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * DuckDB mode: the service as npm run start:prod starts it, on a copy of `historyPath` (or
 * a new file), through `count` days of `npm run simulate -- --players 450 --predictions 30`,
 * each consolidated by its last completion.
 */
export async function measureDuckDbDays(
  historyPath: string | undefined,
  count: number,
  profiling: MemoryProfiling = {},
): Promise<ServiceMemory> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const dbPath = join(dir, 'service.duckdb');
  if (historyPath) copyFileSync(historyPath, dbPath);
  const port = await freePort();
  const command = productionCommand();
  const child = spawn(
    process.execPath,
    [...(profiling.nodeFlags ?? command.nodeFlags), command.entry],
    {
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
    },
  );
  try {
    return await days(child, port, count, profiling);
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * BigQuery mode: the service with WAREHOUSE=bigquery's configuration and its BigQuery
 * adapter loaded (bench/support/bigquery-mode-service.ts), production's node flags, its
 * statements answered by the BigQuery double served from this process (`latencyMs` a job):
 * one 450-player simulated day.
 */
export async function measureBigQueryDay(latencyMs: number): Promise<ServiceMemory> {
  const double = await BigQueryDouble.open({ latencyMs });
  const served = await serveWarehouse(double.replica('service'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...productionCommand().nodeFlags, join(__dirname, 'support', 'bigquery-mode-service.js')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        WAREHOUSE: 'bigquery',
        BIGQUERY_PROJECT: 'bench-project',
        BENCH_WAREHOUSE_URL: served.url,
        LOG_LEVEL: 'warn',
        CONSOLIDATION_CRON_ENABLED: 'false',
      },
      stdio: 'ignore',
    },
  );
  try {
    return await days(child, port, 1, {});
  } finally {
    await stop(child);
    await served.stop();
    await double.close();
  }
}
