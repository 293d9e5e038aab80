// A profiling aid: where a consolidation's time goes, statement by statement.
// node dist/bench/profile-consolidation.js [copy-of-history.duckdb]
import { BatchService } from '../src/batch/batch.service';
import { ConsolidationTriggers } from '../src/consolidation/consolidation-triggers.service';
import type { Statement } from '../src/warehouse/sql/statement';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePlayers } from '../test/support/builders';
import { startTestApp } from '../test/support/test-app';
import { stage } from './consolidation';

void (async () => {
  const t = await startTestApp(process.argv[2] ? { dbPath: process.argv[2] } : {});
  const warehouse = t.app.get(WarehouseClient);
  const timings: [string, number][] = [];
  const timed =
    <T>(run: (s: Statement) => Promise<T>) =>
    async (statement: Statement): Promise<T> => {
      const started = performance.now();
      try {
        return await run(statement);
      } finally {
        timings.push([statement.job?.operation ?? 'statement', performance.now() - started]);
      }
    };
  warehouse.query = timed(warehouse.query.bind(warehouse));
  warehouse.execute = timed(warehouse.execute.bind(warehouse));
  for (let rep = 0; rep < Number(process.env.REPS ?? 3); rep++) {
    const { batch } = await t.app
      .get(BatchService)
      .startBatch({ gameDate: '2026-01-30', players: somePlayers(450), force: true });
    await stage(t, batch.id);
    await warehouse.execute({ sql: 'CHECKPOINT', params: {} });
    timings.length = 0;
    const started = performance.now();
    await t.app.get(ConsolidationTriggers).consolidateBatch(batch.id);
    const total = performance.now() - started;
    const sum = timings.reduce((s, [, ms]) => s + ms, 0);
    process.stdout.write(
      `rss ${Math.round(process.memoryUsage().rss / 1048576)} MB; total ${total.toFixed(0)} ms, statements ${sum.toFixed(0)} ms: ${timings
        .map(([op, ms]) => `${op} ${ms.toFixed(0)}`)
        .join(', ')}\n`,
    );
  }
  await t.close();
})();
