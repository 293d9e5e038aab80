// A profiling aid: memory by phase in one process (RSS, V8 heap, DuckDB's own accounting).
// node dist/bench/profile-memory.js [history.duckdb]
import { readFileSync } from 'node:fs';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { startTestApp, type TestApp } from '../test/support/test-app';
import { measureCompletions } from './completion-throughput';
import { BatchService } from '../src/batch/batch.service';
import { ConsolidationTriggers } from '../src/consolidation/consolidation-triggers.service';
import { somePlayers } from '../test/support/builders';
import { measureConsolidation, stage } from './consolidation';
import { measureQuery } from './query';

async function report(phase: string, t: TestApp): Promise<void> {
  // With node --expose-gc: collect first, to tell live memory from garbage not yet collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const duck = await t.app.get(WarehouseClient).query({
    sql: `SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC`,
    params: {},
  });
  const mb = (n: number) => Math.round(n / 1_048_576);
  const [size] = await t.app.get(WarehouseClient).query({
    sql: `SELECT memory_usage, wal_size FROM pragma_database_size()`,
    params: {},
  });
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const memory = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({
      phase,
      rssMb: mb(memory.rss),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      anonMb: Math.round(kb('RssAnon') / 1024),
      fileMb: Math.round(kb('RssFile') / 1024),
      heapUsedMb: mb(memory.heapUsed),
      heapTotalMb: mb(memory.heapTotal),
      externalMb: mb(memory.external),
      duckdbUsage: `${String(size?.memory_usage)} (wal ${String(size?.wal_size)})`,
      duckdbMb: Object.fromEntries(
        duck.map((r) => [String(r.tag), mb(Number(r.memory_usage_bytes))] as const),
      ),
    })}\n`,
  );
}

void (async () => {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  // PROFILE_ENV: service settings to try, as JSON, e.g. '{"DUCKDB_CONNECTIONS":"1"}'.
  const env = JSON.parse(process.env.PROFILE_ENV ?? '{}') as Record<string, string>;
  const fresh = await startTestApp({ env });
  // PROFILE_SQL: settings to try, e.g. "SET GLOBAL allocator_flush_threshold = '8MB'".
  for (const sql of (process.env.PROFILE_SQL ?? '').split(';').filter((s) => s.trim()))
    await fresh.app.get(WarehouseClient).execute({ sql, params: {} });
  await report('app up', fresh);
  await measureCompletions(fresh, seconds, 1);
  await report('after completion loads', fresh);
  const { batch } = await fresh.app
    .get(BatchService)
    .startBatch({ gameDate: '2026-01-30', players: somePlayers(450), force: true });
  await stage(fresh, batch.id);
  await report('after staging 450 x 30 rows', fresh);
  await fresh.app.get(ConsolidationTriggers).consolidateBatch(batch.id);
  await report('after the service consolidated them', fresh);
  await measureConsolidation(fresh, 1);
  await report('after a hand MERGE and a consolidation (empty target)', fresh);
  await fresh.close();
  const historyPath = process.argv[2];
  if (historyPath) {
    const history = await startTestApp({ dbPath: historyPath });
    await report('history app up', history);
    await measureConsolidation(history, 1);
    await report('after a consolidation (history)', history);
    await measureQuery(history, 5);
    await report('after queries', history);
    await history.close();
  }
})();
