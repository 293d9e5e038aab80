// A profiling aid: memory by phase in one process (RSS, V8 heap, DuckDB's own accounting).
// node dist/bench/profile-memory.js [history.duckdb]
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { startTestApp, type TestApp } from '../test/support/test-app';
import { measureCompletions } from './completion-throughput';
import { measureConsolidation } from './consolidation';
import { measureQuery } from './query';

async function report(phase: string, t: TestApp): Promise<void> {
  const duck = await t.app.get(WarehouseClient).query({
    sql: `SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC`,
    params: {},
  });
  const mb = (n: number) => Math.round(n / 1_048_576);
  const memory = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({
      phase,
      rssMb: mb(memory.rss),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMb: mb(memory.heapUsed),
      heapTotalMb: mb(memory.heapTotal),
      externalMb: mb(memory.external),
      duckdbMb: Object.fromEntries(
        duck.map((r) => [String(r.tag), mb(Number(r.memory_usage_bytes))] as const),
      ),
    })}\n`,
  );
}

void (async () => {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const fresh = await startTestApp();
  await report('app up', fresh);
  await measureCompletions(fresh, seconds);
  await report('after completion loads', fresh);
  await measureConsolidation(fresh, 1);
  await report('after a consolidation (empty target)', fresh);
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
