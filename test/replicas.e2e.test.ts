/**
 * Three application instances on one warehouse, racing on one game date as Cloud Run
 * replicas do: workers' staging and completions spread over them (10% delivered twice),
 * consolidateBatch and cron ticks on every one, and one instance frozen past its lease
 * just before its MERGE commits. Run on the BigQuery double (BigQuery's concurrency
 * rules) and on DuckDB (three instances on one database).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { DuckDbClient } from '../src/warehouse/adapters/duckdb/duckdb.client';
import { somePlayers, somePredictions } from './support/builders';
import { consolidationApi, inParallel, type RunView } from './support/consolidation-api';
import { seededRandom } from './support/faulty-warehouse';
import { ReplicaWarehouse, SHARED_ENGINES } from './support/shared-warehouse';
import { codes, FrozenClock, startTestApp, type TestApp } from './support/test-app';

const PLAYERS = 450;
const ROWS = 7;
const LEASE_SECONDS = 5;
const DATE = '2026-02-20';

for (const engine of SHARED_ENGINES) {
  describe(`three replicas on ${engine.name}, one paused past its lease mid-run`, () => {
    const clock = new FrozenClock(new Date('2026-02-20T18:00:00.000Z'));
    const warehouses: ReplicaWarehouse[] = [];
    const apps: TestApp[] = [];
    let close: () => Promise<void> = () => Promise.resolve();

    before(async () => {
      const opened = await engine.open(4);
      close = opened.close;
      for (const name of ['r0', 'r1', 'r2']) {
        const warehouse = new ReplicaWarehouse(opened.replica(name));
        warehouses.push(warehouse);
        apps.push(
          await startTestApp({
            clock,
            warehouse,
            env: { LOCK_LEASE_SECONDS: String(LEASE_SECONDS), STALL_THRESHOLD_MINUTES: '5' },
          }),
        );
      }
    });
    after(async () => {
      for (const app of apps) await app.close();
      await close();
    });

    it('lands every staged row exactly once; the paused replica commits nothing; every run says what happened', async () => {
      const [a0, a1, a2] = apps.map(consolidationApi);
      const [, , paused] = warehouses;
      assert.ok(a0 && a1 && a2 && paused);
      const players = somePlayers(PLAYERS, 'rp');
      const twice = seededRandom(12);
      const redelivered = new Set(players.filter(() => twice() < 0.1));
      const batchId = await a0.start(DATE, players);

      // A worker's delivery: stage, then complete, each delivered twice for 10% of players.
      const deliver = async (api: typeof a0, player: string) => {
        const rows = somePredictions(player, ROWS, { gameDate: DATE });
        const times = redelivered.has(player) ? 2 : 1;
        for (let i = 0; i < times; i++) await api.stage(batchId, player, rows);
        for (let i = 0; i < times; i++) await api.complete(batchId, player, ROWS);
      };
      const firstHalf = players.slice(0, PLAYERS / 2);
      await inParallel(firstHalf, 24, (player, i) => deliver([a0, a1, a2][i % 3] ?? a0, player));

      // r2 is asked to consolidate what is there, takes the lease, and freezes before its MERGE.
      const frozen = paused.pauseBefore((job) => job.operation === 'merge', true);
      const pausedRun = apps[2]?.gql<{ consolidateBatch: RunView }>(
        `mutation($id: ID!) { consolidateBatch(batchId: $id) { id status error rowsInserted } }`,
        { id: batchId },
      );
      const resumePaused = await frozen;
      clock.advanceMinutes(1); // r2 renews nothing while frozen: its lease expires

      // The rest of the day goes to the live replicas. The completion that completes the batch
      // starts a run there (r2's lease has expired); its MERGE is held at the warehouse's door.
      const held = warehouses
        .slice(0, 2)
        .map((w) => w.pauseBefore((job) => job.operation === 'merge', false));
      await inParallel(players.slice(PLAYERS / 2), 24, (player, i) =>
        deliver(i % 2 ? a1 : a0, player),
      );
      const resumeWinner = await Promise.race(held);
      // Meanwhile every live replica is asked to consolidate, and ticks: the lease says no.
      for (const answer of await Promise.all([
        a0.consolidateRaw(batchId),
        a1.consolidateRaw(batchId),
      ]))
        assert.deepEqual(codes(answer), ['CONFLICT'], JSON.stringify(answer));
      await Promise.all(apps.slice(0, 2).map((app) => app.app.get(ConsolidationCron).tick()));

      // r2 wakes up as the live run merges: both MERGEs reach the warehouse together, and
      // both would only insert. Only the lease holder's may commit.
      resumePaused();
      resumeWinner();
      const answer = await pausedRun;
      const lost = answer?.data?.consolidateBatch;
      assert.equal(lost?.status, 'FAILED', JSON.stringify(answer));
      assert.match(lost?.error ?? '', /lease .* passed to another run .* nothing was written/);
      assert.deepEqual(
        paused.committed.filter((job) => job.operation === 'merge'),
        [],
        "the paused replica's MERGE never committed",
      );
      const settled = await a0.waitForStatus(batchId, 'CONSOLIDATED');
      assert.ok(settled.consolidations.some((run) => run.status === 'SUCCEEDED'));
      // Afterwards (the winner's lease released: it is held until its run ends, a moment
      // after CONSOLIDATED shows) every replica is asked again and ticks: nothing is merged twice.
      await Promise.all([a0, a1, a2].map((api) => api.settled(DATE)));
      for (const api of [a0, a1, a2]) await api.consolidate(batchId);
      await Promise.all(apps.map((app) => app.app.get(ConsolidationCron).tick()));

      // Every staged row exactly once, and no business key twice.
      const staged = PLAYERS * ROWS;
      assert.equal(await a0.activeRows(DATE), staged);
      assert.equal(
        await a0.count(
          `SELECT count(DISTINCT prediction_id) FROM player_prop_predictions WHERE game_date = DATE '${DATE}'`,
        ),
        staged,
      );
      const summary = await apps[1]?.ok<{ predictionSummary: { duplicateKeys: number } }>(
        `{ predictionSummary(gameDate: "${DATE}") { duplicateKeys } }`,
      );
      assert.equal(summary?.predictionSummary.duplicateKeys, 0);
      assert.deepEqual(await a0.stagingTables(batchId), [], 'no staging left');

      // The history: the paused run failed on its lease; the run that merged merged it all.
      const history = await a2.runs(batchId);
      assert.equal(history.status, 'CONSOLIDATED');
      const byId = new Map(history.consolidations.map((run) => [run.id, run]));
      assert.equal(byId.get(lost?.id ?? '')?.status, 'FAILED');
      const succeeded = history.consolidations.filter((run) => run.status === 'SUCCEEDED');
      assert.equal(
        succeeded.reduce((sum, run) => sum + run.rowsInserted, 0),
        staged,
        JSON.stringify(history.consolidations),
      );
      assert.ok(history.consolidations.every((run) => run.status !== 'RUNNING'));
      const merges = warehouses.flatMap((w) => w.committed.filter((j) => j.operation === 'merge'));
      assert.equal(
        merges.length,
        succeeded.filter((run) => run.stagingTables > 0).length,
        'one committed MERGE per successful run that had staging',
      );
    });
  });
}

describe('the last two completions of a batch on two replicas at once', () => {
  const apps: TestApp[] = [];
  let duckdb: DuckDbClient;

  before(async () => {
    duckdb = await DuckDbClient.open({ path: ':memory:', connections: 4 });
    for (let i = 0; i < 2; i++)
      apps.push(await startTestApp({ warehouse: new ReplicaWarehouse(duckdb) }));
  });
  after(async () => {
    for (const app of apps) await app.close();
    await duckdb.close();
  });

  it("starts the run though neither replica's own copy saw the batch complete", async () => {
    const [a, b] = apps.map(consolidationApi);
    assert.ok(a && b);
    const date = '2026-02-21';
    const batchId = await a.start(date, ['ann', 'bob']);
    // Each replica stages its player, and so holds its own copy of the batch.
    await a.stage(batchId, 'ann', somePredictions('ann', ROWS, { gameDate: date }));
    await b.stage(batchId, 'bob', somePredictions('bob', ROWS, { gameDate: date }));
    await a.complete(batchId, 'ann', ROWS);
    const last = await b.complete(batchId, 'bob', ROWS); // b's copy does not hold ann's completion yet
    assert.equal(last.consolidationTriggered, false, "b's copy still saw ann pending");
    const batch = await b.waitForStatus(batchId, 'CONSOLIDATED');
    assert.deepEqual(
      batch.consolidations.map((r) => [r.trigger, r.status, r.rowsInserted]),
      [['BATCH_COMPLETE', 'SUCCEEDED', 2 * ROWS]],
    );
  });
});
