// npm run bench: every figure is a ratio of two things measured side by side in this run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { productionCommand } from '../test/support/service-command';
import { startTestApp } from '../test/support/test-app';
import { measureCompletions } from './completion-throughput';
import { measureConsolidation } from './consolidation';
import { measureServiceMemory } from './memory';
import { measureQuery } from './query';
import { measureStartup } from './startup';

interface Figure {
  name: string;
  ratio: number;
  target: string;
  met: boolean;
  detail: string;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const reps = Number(process.env.BENCH_REPS ?? 3);
const days = Number(process.env.BENCH_HISTORY_DAYS ?? 365);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  // The service runs in this process for 1-4: it must run with production's node flags.
  const missing = productionCommand().nodeFlags.filter((f) => !process.execArgv.includes(f));
  if (missing.length > 0)
    throw new Error(
      `run the bench with production's node flags (npm run bench): ${missing.join(' ')}`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const figures: Figure[] = [];
  try {
    say(`building ${days} days of history (13,700 rows a day) in a separate process...`);
    const historyPath = join(dir, 'history.duckdb');
    execFileSync(
      process.execPath,
      [join(__dirname, 'support/make-history.js'), historyPath, String(days)],
      { stdio: 'inherit' },
    );

    const fresh = await startTestApp();
    const { typename, day, newEvents } = await measureCompletions(fresh, seconds);
    const throughput = day.rps / typename.rps;
    figures.push({
      name: '1. recordCompletion throughput / { __typename } throughput (32 connections)',
      ratio: throughput,
      target: '>= 0.5',
      met: throughput >= 0.5,
      detail:
        `a day's deliveries (450 players, retries redelivering): ${day.rps.toFixed(0)} vs ${typename.rps.toFixed(0)} req/s, ` +
        `p50 ${day.p50} ms, p99 ${day.p99} ms (__typename p50 ${typename.p50} ms, p99 ${typename.p99} ms); ` +
        `every request a new event: ${newEvents.rps.toFixed(0)} req/s (ratio ${(newEvents.rps / typename.rps).toFixed(2)}), p50 ${newEvents.p50} ms, p99 ${newEvents.p99} ms`,
    });
    say(JSON.stringify(figures.at(-1)));
    const onEmpty = await measureConsolidation(fresh, reps);
    await fresh.close();

    const history = await startTestApp({ dbPath: historyPath });
    const rows = await history.app
      .get(WarehouseClient)
      .query({ sql: 'SELECT COUNT(*) AS n FROM player_prop_predictions', params: {} });
    const onHistory = await measureConsolidation(history, reps);
    const overhead = onHistory.serviceMs / onHistory.handMs;
    figures.push({
      name: '2. consolidation through the service / one hand-written MERGE (450 players x 30 rows staged, into the 365-day target)',
      ratio: overhead,
      target: '<= 1.5',
      met: overhead <= 1.5,
      detail:
        `${onHistory.serviceMs.toFixed(0)} ms vs ${onHistory.handMs.toFixed(0)} ms; target held ${Number(rows[0]?.n).toLocaleString('en-US')} rows; ${onHistory.rowsInserted} rows inserted; ` +
        `the same day consolidated again (${onHistory.rowsUpdated} rows updated): ${onHistory.againMs.toFixed(0)} ms`,
    });
    say(JSON.stringify(figures.at(-1)));
    const independence = onHistory.serviceMs / onEmpty.serviceMs;
    figures.push({
      name: '3. the same consolidation into the 365-day target / into an empty target',
      ratio: independence,
      target: '<= 1.3',
      met: independence <= 1.3,
      detail: `${onHistory.serviceMs.toFixed(0)} ms vs ${onEmpty.serviceMs.toFixed(0)} ms (hand MERGE: ${onHistory.handMs.toFixed(0)} vs ${onEmpty.handMs.toFixed(0)} ms)`,
    });
    say(JSON.stringify(figures.at(-1)));
    const query = await measureQuery(history, Math.max(reps * 5, 15));
    const queryRatio = query.graphqlMs / query.rawMs;
    figures.push({
      name: '4. predictionSummary over GraphQL / the raw DuckDB query (5-million-row target)',
      ratio: queryRatio,
      target: '<= 2',
      met: queryRatio <= 2,
      detail: `${query.graphqlMs.toFixed(1)} ms vs ${query.rawMs.toFixed(1)} ms; ${query.predictions} predictions on the date`,
    });
    say(JSON.stringify(figures.at(-1)));
    await history.close();

    // Start-up times scatter by 10-20% run to run here: the median of more starts is steadier.
    const startup = await measureStartup(Math.max(reps * 3, 9));
    const startRatio = startup.serviceMs / startup.minimalMs;
    figures.push({
      name: '5. start to ready / a minimal NestJS + Apollo app started the same way',
      ratio: startRatio,
      target: '<= 1.5',
      met: startRatio <= 1.5,
      detail: `${startup.serviceMs.toFixed(0)} ms vs ${startup.minimalMs.toFixed(0)} ms (process spawn to first HTTP answer, medians)`,
    });
    say(JSON.stringify(figures.at(-1)));

    // The service as production runs it, in its own process, through the same work.
    const memory = await measureServiceMemory(historyPath, seconds, reps);
    // Node reports maxRSS in kilobytes: this process ran the service in-process for 1-4,
    // along with the hand-written MERGEs and raw queries it was compared with.
    const harnessMb = process.resourceUsage().maxRSS / 1024;
    figures.push({
      name: '6. peak resident memory of the service across 1-4 (MB)',
      ratio: memory.peakMb,
      target: '<= 300',
      met: memory.peakMb <= 300,
      detail:
        `${memory.peakMb.toFixed(0)} MB peak (VmHWM) of the service started as npm run start:prod on a copy of the 365-day database, ` +
        `driven over HTTP through the completion loads, ${reps} day(s) staged by 450 players and consolidated twice, and predictionSummary; ` +
        `RSS after each: ${memory.phases.map((p) => `${p.phase} ${p.rssMb} MB`).join(', ')}. ` +
        `The bench process, which ran 1-4 in-process with the hand-written MERGEs and raw queries, peaked at ${harnessMb.toFixed(0)} MB`,
    });
    say(JSON.stringify(figures.at(-1)));
    writeReport(figures);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeReport(figures: Figure[]): void {
  const rows = figures.map(
    (f) =>
      `| ${f.name} | ${f.ratio.toFixed(2)} | ${f.target} | ${f.met ? 'met' : '**missed**'} | ${f.detail} |`,
  );
  const text = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${process.platform}, Node ${process.version}, BENCH_SECONDS=${seconds}, BENCH_REPS=${reps}).
Every figure is a ratio of two measurements taken side by side in the same run on the same
machine; absolute times are shown for context only and are not comparable across runs.

| figure | ratio | target | | measured |
|---|---|---|---|---|
${rows.join('\n')}

See docs/benchmarks-notes.md for how each is measured and what was done to reach it.
`;
  writeFileSync(join(__dirname, '..', '..', 'docs', 'benchmarks.md'), text);
  say('wrote docs/benchmarks.md');
}

void main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
