// npm run bench [figure ...]: every figure is a ratio of two things measured side by side
// in this run. Figures: 1 (completions), 1b (burst), 2 (consolidation and history
// independence, measured together), 4 (query), 5 (start-up), 6 (memory, DuckDB), 6b
// (memory, BigQuery mode), 7 (a simulated day), 8 (BigQuery at 1 s a job). Each figure's
// result is kept in bench/results (committed, beside the report it feeds); docs/benchmarks.md
// is written from the latest of each, so a run of some figures keeps the others' rows.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionCommand } from '../test/support/service-command';
import { startTestApp } from '../test/support/test-app';
import { measureBigQueryPath } from './bigquery-path';
import { measureBurst, measureCompletions } from './completion-throughput';
import { measureConsolidation, type ConsolidationFigures } from './consolidation';
import { measureDays } from './day';
import { measureBigQueryDay, measureDuckDbDays } from './memory';
import { measureQuery } from './query';
import { writeReport, saveFigure, type Figure } from './report';
import { measureStartup } from './startup';
import { showSpread } from './support/measure';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const reps = Number(process.env.BENCH_REPS ?? 3);
const historyDays = Number(process.env.BENCH_HISTORY_DAYS ?? 365);
const memoryDays = Number(process.env.BENCH_DAYS ?? 30);
/** Each figure waits for the 1-minute load average to fall below this (the machine is shared). */
const maxLoad = Number(process.env.BENCH_MAX_LOAD ?? 1.5);
const maxWaitSeconds = Number(process.env.BENCH_MAX_WAIT ?? 900);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Waits (up to BENCH_MAX_WAIT) for a quiet machine; returns the load when the figure starts. */
async function quiet(): Promise<number> {
  const deadline = Date.now() + maxWaitSeconds * 1000;
  for (;;) {
    const [load] = loadavg();
    if ((load ?? 0) < maxLoad || Date.now() > deadline) return load ?? 0;
    say(`  load ${load?.toFixed(2)} >= ${maxLoad}: waiting`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main(): Promise<void> {
  // The service runs in this process for 1-4: it must run with production's node flags.
  const missing = productionCommand().nodeFlags.filter((f) => !process.execArgv.includes(f));
  if (missing.length > 0)
    throw new Error(
      `run the bench with production's node flags (npm run bench): ${missing.join(' ')}`,
    );
  const only = new Set(process.argv.slice(2));
  const want = (key: string) => only.size === 0 || only.has(key) || (key === '2' && only.has('3'));
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const results = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const loads = new Map<string, string>();
  /** `alongside`: measured in the same run as that figure, whose load it shares. */
  const record = async (
    key: string,
    measure: () => Promise<Omit<Figure, 'key' | 'load'>>,
    alongside?: string,
  ) => {
    if (!want(key) && !alongside) return;
    const shared = alongside ? loads.get(alongside) : undefined;
    const before = shared ? 0 : await quiet();
    if (!shared) say(`figure ${key}: load ${before.toFixed(2)}`);
    const figure = await measure();
    const after = loadavg()[0] ?? 0;
    const load = shared ?? `${before.toFixed(2)} at start, ${after.toFixed(2)} at end`;
    loads.set(key, load);
    const saved: Figure = { ...figure, key, load, at: new Date().toISOString() };
    saveFigure(results, saved);
    say(JSON.stringify(saved));
  };
  try {
    const historyPath = join(dir, 'history.duckdb');
    const needsHistory = ['2', '4', '6'].some(want);
    if (needsHistory) {
      say(`building ${historyDays} days of history (13,700 rows a day) in a separate process...`);
      execFileSync(
        process.execPath,
        [join(__dirname, 'support/make-history.js'), historyPath, String(historyDays)],
        { stdio: 'inherit' },
      );
    }

    if (want('1') || want('1b')) {
      const fresh = await startTestApp();
      try {
        await record('1', async () => {
          const c = await measureCompletions(fresh, seconds, reps);
          const { typename, newEvents, redeliveries } = c.last;
          return {
            name: '1. recordCompletion throughput, every request a new event / { __typename } throughput (32 connections)',
            value: showSpread(c.newEvents),
            target: '>= 0.5',
            met: c.newEvents.min >= 0.5,
            detail:
              `last round: ${fmt(newEvents.rps)} vs ${fmt(typename.rps)} req/s, p50 ${newEvents.p50} ms, p99 ${newEvents.p99} ms (__typename p50 ${typename.p50} ms, p99 ${typename.p99} ms). ` +
              `Beside it, a day's redeliveries (450 bodies cycled, after the first 450 each a retry answered without a write): ${showSpread(c.redeliveries)}; last round ${fmt(redeliveries.rps)} req/s, p99 ${redeliveries.p99} ms`,
          };
        });
        await record('1b', async () => {
          const b = await measureBurst(fresh, 5);
          return {
            name: '1b. burst: p99 of 450 first completions in flight at once / p99 of 450 { __typename } at once',
            value: showSpread(b.ratio),
            target: '<= 3 in every run',
            met: b.ratio.max <= 3,
            detail: `completions p99 ${showSpread(b.completionP99, 0)} ms; __typename p99 ${showSpread(b.typenameP99, 0)} ms`,
          };
        });
      } finally {
        await fresh.close();
      }
    }

    if (want('2') || want('4')) {
      // Figures 2 and 3 change the database (the target is swapped): a copy of the history.
      const copy = join(dir, 'history-copy.duckdb');
      copyFileSync(historyPath, copy);
      const history = await startTestApp({ dbPath: copy });
      try {
        if (want('2')) {
          // Measured inside figure 2's record, so the load recorded is the one it ran under.
          let measured: ConsolidationFigures | undefined;
          const consolidation = async () =>
            (measured ??= await measureConsolidation(history, Math.max(reps, 5)));
          await record('2', async () => {
            const c = await consolidation();
            const ms = c.ms;
            return {
              name: '2. consolidation through the service / the baseline (hand MERGE with the same dedupe, tie-break and deactivation + the same verification, one transaction), 450 x 30 rows into the 365-day target',
              value: `first ${showSpread(c.first)}; again ${showSpread(c.again)}`,
              target: '<= 1.3 each',
              met: c.first.median <= 1.3 && c.again.median <= 1.3,
              detail:
                `medians: first consolidation ${fmt(ms.service_first_history)} ms vs ${fmt(ms.hand_first_history)} ms (${c.rowsInserted} rows inserted); ` +
                `again, the same rows (${c.rowsUpdated} updated) ${fmt(ms.service_again_history)} ms vs ${fmt(ms.hand_again_history)} ms`,
            };
          });
          await record(
            '3',
            async () => {
              const c = await consolidation();
              const ms = c.ms;
              return {
                name: '3. the same consolidation into the 365-day target / into an empty target (one app instance, alternating; measured with 2)',
                value: showSpread(c.independence),
                target: '<= 1.3',
                met: c.independence.median <= 1.3,
                detail:
                  `medians ${fmt(ms.service_first_history)} vs ${fmt(ms.service_first_empty)} ms; again (every row updated) ${showSpread(c.independenceAgain)}, ` +
                  `${fmt(ms.service_again_history)} vs ${fmt(ms.service_again_empty)} ms; baseline ${fmt(ms.hand_first_history)} vs ${fmt(ms.hand_first_empty)} ms`,
              };
            },
            '2',
          );
        }
        await record('4', async () => {
          const q = await measureQuery(history, Math.max(reps * 5, 15));
          const ratio = q.graphqlMs / q.rawMs;
          return {
            name: '4. predictionSummary over GraphQL / the raw DuckDB query (5-million-row target)',
            value: ratio.toFixed(2),
            target: '<= 2',
            met: ratio <= 2,
            detail: `${q.graphqlMs.toFixed(1)} ms vs ${q.rawMs.toFixed(1)} ms (medians); ${q.predictions} predictions on the date`,
          };
        });
      } finally {
        await history.close();
      }
    }

    await record('5', async () => {
      const s = await measureStartup(Math.max(reps * 3, 9));
      return {
        name: '5. start to ready (spawn to a GraphQL answer): the service as start:prod starts it (the bundle) / the minimal NestJS + Apollo app bundled the same way, same node flags and compile cache (rounds of starts)',
        value: showSpread(s.ratio),
        target: '<= 1.5',
        met: s.ratio.median <= 1.5,
        detail:
          `service ${showSpread(s.serviceMs, 0)} ms; minimal app bundled ${showSpread(s.minimalBundledMs, 0)} ms. ` +
          `Beside it, the same service starts / the minimal app as written (unbundled, ${showSpread(s.minimalMs, 0)} ms): ${showSpread(s.ratioToUnbundled)}; ` +
          `both unbundled (the service's main.js ${showSpread(s.serviceUnbundledMs, 0)} ms): ${showSpread(s.unbundledRatio)}`,
      };
    });

    await record('6', async () => {
      const m = await measureDuckDbDays(
        existsSync(historyPath) ? historyPath : undefined,
        memoryDays,
      );
      const day3 = m.days[2]?.peakMb ?? Number.NaN;
      const lastDay = m.days.at(-1)?.peakMb ?? Number.NaN;
      const growth = lastDay / day3;
      return {
        name: `6. memory, DuckDB: peak resident set over ${memoryDays} simulated days (450 players x 30 rows, consolidated), on a copy of the 365-day database; day ${memoryDays}'s peak / day 3's`,
        value: `${fmt(m.peakMb)} MB; ${growth.toFixed(2)}`,
        target: '<= 400 MB; <= 1.10',
        met: m.peakMb <= 400 && growth <= 1.1,
        detail: `ready ${fmt(m.readyMb)} MB; per-day peaks (MB): ${m.days.map((d) => fmt(d.peakMb)).join(', ')}; after each day (MB): ${m.days.map((d) => fmt(d.rssMb)).join(', ')}`,
        series: m.days.map((d) => ({ day: d.day, peakMb: d.peakMb, rssMb: d.rssMb })),
      };
    });

    await record('6b', async () => {
      const m = await measureBigQueryDay(20);
      return {
        name: '6b. memory, BigQuery mode (its adapter loaded, statements answered by the BigQuery double in another process): peak resident set over a 450-player simulated day',
        value: `${fmt(m.peakMb)} MB`,
        target: '<= 200 MB',
        met: m.peakMb <= 200,
        detail: `ready ${fmt(m.readyMb)} MB; the day's peak ${fmt(m.days[0]?.peakMb ?? NaN)} MB, after it ${fmt(m.days[0]?.rssMb ?? NaN)} MB`,
      };
    });

    await record('7', async () => {
      const d = await measureDays(reps);
      return {
        name: '7. a whole 450-player day (npm run simulate -- --players 450 --predictions 30) / as many { __typename } requests, 8 at a time',
        value: showSpread(d.ratio),
        target: '<= 2',
        met: d.ratio.median <= 2,
        detail: `day ${showSpread(d.dayMs, 0)} ms; ${d.requests} requests of { __typename } ${showSpread(d.typenameMs, 0)} ms`,
      };
    });

    await record('8', async () => {
      const p = await measureBigQueryPath(1000);
      return {
        name: '8. BigQuery (the double, 1 s a job): from the last completion to CONSOLIDATED (s)',
        value: p.seconds.toFixed(1),
        target: '< 20',
        met: p.seconds < 20,
        detail: `${p.jobCount} jobs on the path: ${Object.entries(p.jobs)
          .map(([op, n]) => `${op} ${n}`)
          .join(
            ', ',
          )}; plus ${p.snapshotJobs} snapshot job(s) that only an engine without time travel runs (beside the figures), ${p.metadataCalls} tables API call(s)`,
      };
    });
    writeReport(results, { seconds, reps, historyDays, memoryDays });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
