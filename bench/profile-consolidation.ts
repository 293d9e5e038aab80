// A profiling aid: where a consolidation's time goes, statement by statement (those inside
// the MERGE's transaction too), then its after-image. REPS runs: the first inserts the day,
// the others update it. node dist/bench/profile-consolidation.js [copy-of-history.duckdb]
import { BatchService } from '../src/batch/batch.service';
import { ConsolidationService } from '../src/consolidation/consolidation.service';
import { ConsolidationTriggers } from '../src/consolidation/consolidation-triggers.service';
import type { Session } from '../src/warehouse/adapters/duckdb/transaction-steps';
import type { Statement } from '../src/warehouse/sql/statement';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePlayers } from '../test/support/builders';
import { startTestApp } from '../test/support/test-app';
import { stage } from './consolidation';

type Timed = <T>(
  run: (s: Statement) => Promise<T>,
  prefix?: string,
) => (s: Statement) => Promise<T>;

void (async () => {
  const t = await startTestApp(process.argv[2] ? { dbPath: process.argv[2] } : {});
  const warehouse = t.app.get(WarehouseClient);
  const timings: [string, number][] = [];
  const timed: Timed =
    (run, prefix = '') =>
    async (statement) => {
      const started = performance.now();
      try {
        return await run(statement);
      } finally {
        timings.push([
          `${prefix}${statement.job?.operation ?? 'statement'}`,
          performance.now() - started,
        ]);
      }
    };
  warehouse.query = timed(warehouse.query.bind(warehouse));
  warehouse.execute = timed(warehouse.execute.bind(warehouse));
  // Statements inside a transaction run on a session (DuckDB): timed as "tx:<operation>".
  const pinned = warehouse as unknown as {
    session: <T>(work: (s: Session) => Promise<T>) => Promise<T>;
  };
  if (typeof pinned.session === 'function') {
    const session = pinned.session.bind(warehouse);
    pinned.session = (work) =>
      session((s) =>
        work({
          ...s,
          query: timed((q) => s.query(q), 'tx:'),
          execute: timed((q) => s.execute(q), 'tx:'),
        }),
      );
  }
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
    const onPath = timings.length;
    await t.app.get(ConsolidationService).idle('2026-01-30');
    const after = performance.now() - started;
    const show = (list: [string, number][]) =>
      list.map(([op, ms]) => `${op} ${ms.toFixed(0)}`).join(', ');
    process.stdout.write(
      `rss ${Math.round(process.memoryUsage().rss / 1048576)} MB; run ${total.toFixed(0)} ms: ${show(timings.slice(0, onPath))}\n` +
        `  then (off the path, ${(after - total).toFixed(0)} ms): ${show(timings.slice(onPath))}\n`,
    );
  }
  await t.close();
})();
