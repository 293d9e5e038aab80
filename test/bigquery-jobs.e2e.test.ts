/**
 * BigQuery work per operation over a 450-player day, counted at the BigQuery double (every
 * query job and every append a replica sends; see test/support/bigquery-double.ts): the work
 * scales with rows, not with players or batches. docs/operations.md, "BigQuery work per
 * operation", gives these figures.
 *
 * The double runs on DuckDB, which has no time travel: its runs also write the date's
 * snapshots (`snapshot`) and the cron prunes them (`prune_snapshots`). BigQuery does neither,
 * so those operations are left out of the counts below.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { somePlayers, somePredictions } from './support/builders';
import { BigQueryDouble, type JobRecord } from './support/bigquery-double';
import { consolidationApi, inParallel } from './support/consolidation-api';
import { FrozenClock, startTestApp, type TestApp } from './support/test-app';

const PLAYERS = 450;
const ROWS = 7;
const DATE = '2026-02-24';
/** Operations only an engine without time travel runs (see above). */
const NO_TIME_TRAVEL_ONLY = new Set(['snapshot', 'prune_snapshots']);

/** The jobs (and appends) sent while `work` ran, by operation. */
async function counted(double: BigQueryDouble, work: () => Promise<unknown>) {
  const from = double.jobs.length;
  const started = Date.now();
  await work();
  const jobs = double.jobs.slice(from).filter((j) => !NO_TIME_TRAVEL_ONLY.has(j.operation));
  return { jobs, byOperation: byOperation(jobs), seconds: (Date.now() - started) / 1000 };
}

/** Waits until the batch's run is recorded, reading the double's engine (no job of a replica). */
async function recorded(double: BigQueryDouble, batchId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const [row] = await double.engine.query({
      sql: `SELECT count(*) AS n FROM batch_events WHERE batch_id = $id AND event_type IN ('CONSOLIDATION_SUCCEEDED', 'CONSOLIDATION_FAILED')`,
      params: { id: { value: batchId, type: 'STRING' } },
    });
    if (Number(row?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the run of ${batchId} was never recorded`);
}

function byOperation(jobs: readonly JobRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const job of jobs) counts[job.operation] = (counts[job.operation] ?? 0) + 1;
  return counts;
}

describe('BigQuery work per operation over a 450-player day (counted at the double)', () => {
  let double: BigQueryDouble;
  let t: TestApp;

  before(async () => {
    double = await BigQueryDouble.open({ latencyMs: 2 });
    t = await startTestApp({ warehouse: double.replica('r0') });
  });
  after(async () => {
    await t?.close();
    await double?.close();
  });

  it('stays within the budget: 1 job a staging, 1 append a completion, at most 10 jobs a run, 3 a cron tick', async (ctx) => {
    const api = consolidationApi(t);
    const players = somePlayers(PLAYERS, 'bj');
    const batchId = await api.start(DATE, players);

    const staging = await counted(double, () =>
      inParallel(players, 16, (p) =>
        api.stage(batchId, p, somePredictions(p, ROWS, { gameDate: DATE })),
      ),
    );
    const reads = (s: typeof staging) => s.jobs.filter((j) => j.kind === 'read').length;
    assert.equal(staging.byOperation.insert_staged_predictions, PLAYERS, 'one INSERT a call');
    // The batch is read when this instance's copy is older than 2 s; the write numbers once.
    assert.ok(
      reads(staging) <= Math.ceil(staging.seconds / 2) + 2,
      `${reads(staging)} reads in ${staging.seconds} s: ${JSON.stringify(staging.byOperation)}`,
    );

    const completions = await counted(double, async () => {
      await inParallel(players.slice(0, -1), 16, (p) => api.complete(batchId, p, ROWS));
    });
    assert.equal(completions.byOperation.append_batch_events, PLAYERS - 1, 'one append a call');
    assert.ok(
      reads(completions) <= Math.ceil(completions.seconds / 2) + 2,
      `${reads(completions)} reads in ${completions.seconds} s: ${JSON.stringify(completions.byOperation)}`,
    );

    // The last completion starts the run; everything until it is recorded is the run's (the
    // test watches the engine directly, so its waiting sends nothing).
    const run = await counted(double, async () => {
      const last = players.at(-1) ?? '';
      assert.equal((await api.complete(batchId, last, ROWS)).consolidationTriggered, true);
      await recorded(double, batchId);
    });
    const appends = run.jobs.filter((j) => j.operation === 'append_batch_events').length - 1;
    const runJobs = run.jobs.filter((j) => j.operation !== 'append_batch_events');
    assert.ok(runJobs.length <= 10, `${runJobs.length} jobs: ${JSON.stringify(run.byOperation)}`);
    assert.ok(appends <= 3, `${appends} appends (the run's start and finish, renewals)`);
    assert.equal(await api.activeRows(DATE), PLAYERS * ROWS);

    // A cron tick with 30 open batches of other dates, one of them months old, decides them all.
    for (let i = 0; i < 30; i++) {
      const date = new Date(Date.parse('2025-10-01') + i * 86_400_000).toISOString().slice(0, 10);
      await api.start(date, ['someone']);
    }
    const tick = await counted(double, () => t.app.get(ConsolidationCron).tick());
    assert.ok(
      tick.jobs.length <= 3,
      `${tick.jobs.length} jobs: ${JSON.stringify(tick.byOperation)}`,
    );
    assert.equal(tick.byOperation.open_batches, 1, 'every open batch from one read');
    for (const [phase, counts] of Object.entries({ staging, completions, run, tick }))
      ctx.diagnostic(`${phase}: ${JSON.stringify(counts.byOperation)} in ${counts.seconds} s`);
  });
});

describe('the cron decides every batch in play, whatever its date', () => {
  let t: TestApp;
  const clock = new FrozenClock(new Date('2026-02-24T12:00:00.000Z'));

  before(async () => {
    t = await startTestApp({ clock });
  });
  after(() => t?.close());

  it('consolidates a backfilled date stuck months ago once it is over age', async () => {
    const api = consolidationApi(t);
    const date = '2025-10-15'; // four months before the clock: outside any recent window
    const batchId = await api.start(date, ['ann', 'bob']);
    await api.stage(batchId, 'ann', somePredictions('ann', ROWS, { gameDate: date }));
    await api.complete(batchId, 'ann', ROWS);
    clock.advanceMinutes(7 * 60); // past MAX_BATCH_AGE_HOURS (6)
    assert.equal((await t.app.get(ConsolidationCron).tick()).stalled, 1);
    const batch = await api.runs(batchId);
    assert.deepEqual(
      [batch.status, batch.consolidations[0]?.trigger, batch.consolidations[0]?.rowsInserted],
      ['CONSOLIDATED', 'STALLED_CHECK', ROWS],
    );
  });
});
