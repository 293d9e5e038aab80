/**
 * repairDuplicates against consolidations on another replica, on the BigQuery double
 * (BigQuery's concurrency rules) and on DuckDB (two instances on one database): a repair
 * never commits into a date another run took, and never starts while one holds it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { somePredictions } from './support/builders';
import { consolidationApi, type ConsolidationApi } from './support/consolidation-api';
import { ReplicaWarehouse, SHARED_ENGINES } from './support/shared-warehouse';
import { codes, FrozenClock, startTestApp, type TestApp } from './support/test-app';

const DATE = '2026-02-21';
const TARGET = 'player_prop_predictions';
const REPAIR = `mutation($d: Date!) { repairDuplicates(gameDate: $d, dryRun: false) { duplicateKeys rowsDeactivated run { status } } }`;
const RUNS = `query($d: Date!) { maintenanceRuns(gameDate: $d) { status error } }`;

for (const engine of SHARED_ENGINES) {
  describe(`repairDuplicates and a consolidation on two replicas, on ${engine.name}`, () => {
    const clock = new FrozenClock(new Date('2026-02-21T18:00:00.000Z'));
    const warehouses: ReplicaWarehouse[] = [];
    const apps: TestApp[] = [];
    let close: () => Promise<void> = () => Promise.resolve();
    let batchId = '';
    let api: ConsolidationApi;

    const duplicateAnn = () =>
      api.execute(`INSERT INTO ${TARGET} SELECT * REPLACE ('ann-old-${clock.now().getTime()}' AS prediction_id,
        created_at - INTERVAL 1 HOUR AS created_at, predicted_at - INTERVAL 1 HOUR AS predicted_at)
        FROM ${TARGET} WHERE game_date = DATE '${DATE}' AND prediction_id = 'ann-catboost_v9-0'`);
    const restage = (app: ConsolidationApi, points: number) =>
      app.stage(
        batchId,
        'bob',
        somePredictions('bob', 2, { gameDate: DATE }).map((p) => ({
          ...p,
          predictedPoints: points,
        })),
      );
    const bobPoints = async () =>
      (
        await api.query(
          `SELECT DISTINCT predicted_points FROM ${TARGET} WHERE game_date = DATE '${DATE}' AND player_lookup = 'bob'`,
        )
      ).map((r) => Number(r.predicted_points));

    before(async () => {
      const opened = await engine.open(2);
      close = opened.close;
      for (const name of ['r0', 'r1']) {
        const warehouse = new ReplicaWarehouse(opened.replica(name));
        warehouses.push(warehouse);
        apps.push(await startTestApp({ clock, warehouse, env: { LOCK_LEASE_SECONDS: '5' } }));
      }
      api = consolidationApi(apps[0] as TestApp);
      batchId = await api.start(DATE, ['ann', 'bob']);
      for (const player of ['ann', 'bob'])
        await api.stage(batchId, player, somePredictions(player, 2, { gameDate: DATE }));
      assert.equal((await api.consolidate(batchId)).status, 'SUCCEEDED');
    });
    after(async () => {
      for (const app of apps) await app.close();
      await close();
    });

    it('a repair paused past its lease commits nothing once a consolidation on another replica took the date', async () => {
      const [t0, t1] = apps;
      const [w0] = warehouses;
      assert.ok(t0 && t1 && w0);
      await duplicateAnn();
      const held = w0.pauseBefore((job) => job.operation === 'repair_duplicates', true);
      const repairing = t0.gql(REPAIR, { d: DATE });
      const resume = await held;
      clock.advanceMinutes(1); // the repair's lease (5 s) has expired
      await restage(consolidationApi(t1), 31.5);
      assert.equal((await consolidationApi(t1).consolidate(batchId)).status, 'SUCCEEDED');
      resume();
      const refused = await repairing;
      assert.deepEqual(codes(refused), ['CONFLICT']);
      assert.match(
        refused.errors?.[0]?.message ?? '',
        /passed to another run.*nothing was written/,
      );
      assert.equal(await api.duplicateKeys(DATE), 1, 'the repair wrote nothing');
      assert.deepEqual(await bobPoints(), [31.5], "the consolidation's commit stands");
      const runs = await t1.ok<{ maintenanceRuns: { status: string }[] }>(RUNS, { d: DATE });
      assert.deepEqual(
        runs.maintenanceRuns.map((r) => r.status),
        ['FAILED'],
      );
      // Run again, on the other replica: it repairs.
      clock.advanceMinutes(1);
      const done = await t1.ok<{
        repairDuplicates: { duplicateKeys: number; run: { status: string } };
      }>(REPAIR, { d: DATE });
      assert.deepEqual(
        [done.repairDuplicates.duplicateKeys, done.repairDuplicates.run.status],
        [1, 'SUCCEEDED'],
      );
      assert.equal(await api.duplicateKeys(DATE), 0);
    });

    it('a repair asked while a consolidation on another replica holds the date is refused (CONFLICT)', async () => {
      const [t0, t1] = apps;
      const [w0] = warehouses;
      assert.ok(t0 && t1 && w0);
      clock.advanceMinutes(1);
      await duplicateAnn();
      await restage(consolidationApi(t0), 32.5);
      const held = w0.pauseBefore((job) => job.operation === 'merge', false);
      const consolidating = consolidationApi(t0).consolidate(batchId);
      const resume = await held;
      const refused = await t1.gql(REPAIR, { d: DATE });
      assert.deepEqual(codes(refused), ['CONFLICT']);
      assert.match(refused.errors?.[0]?.message ?? '', /held by r/);
      assert.equal(await api.duplicateKeys(DATE), 1, 'the repair changed nothing');
      resume();
      assert.equal((await consolidating).status, 'SUCCEEDED');
      assert.deepEqual(await bobPoints(), [32.5]);
    });
  });
}
