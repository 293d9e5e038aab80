import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ConsolidationStatus } from '../src/consolidation/consolidation-run';
import { ConsolidationService } from '../src/consolidation/consolidation.service';
import { LockRepository } from '../src/consolidation/lock.repository';
import { MaintenanceKind } from '../src/predictions/maintenance-run';
import { MaintenanceRunsRepository } from '../src/predictions/maintenance-runs.repository';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { GAME_DATE, somePredictions } from './support/builders';
import { codes, FrozenClock, startTestApp, type TestApp } from './support/test-app';
import { beforeNextTransaction } from './support/transaction-hook';

const KEY = 'k-oncall-7a1c3e5f9b2d4c86';
const ON_CALL = `api-key:${createHash('sha256').update(KEY).digest('hex').slice(0, 12)}`;
const TARGET = 'player_prop_predictions';

const START = `mutation($input: StartBatchInput!) { startBatch(input: $input) { batch { id } } }`;
const STAGE = `mutation($input: StagePredictionsInput!) { stagePredictions(input: $input) { rowsStaged } }`;
const CONSOLIDATE = `mutation($id: ID!) { consolidateBatch(batchId: $id) { status } }`;
const RUN_FIELDS = `id kind gameDate dryRun status principal startedAt finishedAt asOf
  rowsNow rowsAsOf rowsInserted rowsUpdated rowsDeleted rowsUnchanged error`;
const RESTORE = `mutation($d: Date!, $asOf: DateTime!, $dry: Boolean) {
  restorePredictions(gameDate: $d, asOf: $asOf, dryRun: $dry) {
    dryRun rowsNow rowsAsOf rowsRestored rowsToInsert rowsToUpdate rowsToDelete rowsUnchanged
    run { ${RUN_FIELDS} } } }`;
const RUNS = `query($d: Date, $kind: MaintenanceKind) { maintenanceRuns(gameDate: $d, kind: $kind) { ${RUN_FIELDS} } }`;

interface RunView {
  id: string;
  kind: string;
  dryRun: boolean;
  status: string;
  principal: string;
  startedAt: string;
  asOf: string | null;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  error: string | null;
}

interface RestoreView {
  dryRun: boolean;
  rowsNow: number;
  rowsAsOf: number;
  rowsRestored: number;
  rowsToInsert: number;
  rowsToUpdate: number;
  rowsToDelete: number;
  rowsUnchanged: number;
  run: RunView;
}

describe('restorePredictions says what it does, is recorded, and never interleaves with a consolidation', () => {
  let t: TestApp;
  let asOf = '';
  let changedState = '';
  const clock = new FrozenClock();
  const headers = { 'x-api-key': KEY };

  async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await t.gql<T>(query, variables, headers);
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.ok(response.data);
    return response.data;
  }
  const warehouse = () => t.app.get(WarehouseClient);
  const sql = (text: string) => warehouse().execute({ sql: text, params: {} });
  /** The date's rows, each as text: what an operator would see change. */
  const state = async () =>
    JSON.stringify(
      await warehouse().query({
        sql: `SELECT prediction_id, predicted_points, is_active FROM ${TARGET}
          WHERE game_date = DATE '${GAME_DATE}' ORDER BY prediction_id`,
        params: {},
      }),
    );
  const restore = async (dry?: boolean) => {
    clock.advanceMinutes(1); // runs are listed newest first
    return (await call<{ restorePredictions: RestoreView }>(RESTORE, { d: GAME_DATE, asOf, dry }))
      .restorePredictions;
  };
  const refused = async () => {
    clock.advanceMinutes(1);
    return t.gql(RESTORE, { d: GAME_DATE, asOf, dry: false }, headers);
  };

  before(async () => {
    t = await startTestApp({ clock, env: { API_KEYS: KEY } });
    const started = await call<{ startBatch: { batch: { id: string } } }>(START, {
      input: { gameDate: GAME_DATE, players: ['ann', 'bob', 'cat', 'dan'] },
    });
    const batchId = started.startBatch.batch.id;
    for (const player of ['ann', 'bob', 'cat', 'dan']) {
      const predictions = somePredictions(player, 3);
      await call(STAGE, { input: { batchId, playerLookup: player, predictions } });
    }
    const run = await call<{ consolidateBatch: { status: string } }>(CONSOLIDATE, { id: batchId });
    assert.equal(run.consolidateBatch.status, 'SUCCEEDED');
    // Its after-image is written just after it answers, under its lease.
    await t.app.get(ConsolidationService).idle(GAME_DATE);
    clock.advanceMinutes(10);
    asOf = clock.now().toISOString();
    clock.advanceMinutes(10);
    // By hand, after asOf: two rows deleted, three overwritten, one added.
    await sql(
      `DELETE FROM ${TARGET} WHERE prediction_id IN ('ann-catboost_v9-0', 'ann-ensemble_v1-1')`,
    );
    await sql(`UPDATE ${TARGET} SET predicted_points = 35.5 WHERE player_lookup = 'bob'`);
    await sql(`INSERT INTO ${TARGET} SELECT * REPLACE ('dan-extra' AS prediction_id, 'xgb_v3' AS system_id)
      FROM ${TARGET} WHERE prediction_id = 'dan-catboost_v9-0'`);
    changedState = await state();
  });
  after(async () => t.close());

  it('the dry run reports the rows it would insert, update and delete, and changes nothing', async () => {
    const dry = await restore();
    assert.deepEqual(
      { ...dry, run: undefined },
      {
        dryRun: true,
        rowsNow: 11,
        rowsAsOf: 12,
        rowsRestored: 2,
        rowsToInsert: 2,
        rowsToUpdate: 3,
        rowsToDelete: 1,
        rowsUnchanged: 7,
        run: undefined,
      },
    );
    assert.deepEqual(
      [dry.run.kind, dry.run.dryRun, dry.run.status, dry.run.principal, dry.run.asOf],
      ['RESTORE', true, 'SUCCEEDED', ON_CALL, asOf],
    );
    assert.equal(await state(), changedState);
  });

  it('a real restore while a consolidation holds the date is CONFLICT, recorded, and changes nothing', async () => {
    const locks = t.app.get(LockRepository);
    assert.equal(
      (await locks.acquire(GAME_DATE, 'r_running', clock.now(), 120))?.owner,
      'r_running',
    );
    try {
      const response = await refused();
      assert.deepEqual(codes(response), ['CONFLICT']);
      assert.match(response.errors?.[0]?.message ?? '', /held by r_running/);
    } finally {
      await locks.release(GAME_DATE, 'r_running');
    }
    assert.equal(await state(), changedState);
  });

  it('commits nothing when a consolidation takes the lease before its transaction (the fence)', async () => {
    const undo = beforeNextTransaction(warehouse(), 'restore', () =>
      sql(
        `UPDATE consolidation_leases SET owner = 'r_other' WHERE game_date = DATE '${GAME_DATE}'`,
      ),
    );
    try {
      const response = await refused();
      assert.deepEqual(codes(response), ['CONFLICT']);
      assert.match(
        response.errors?.[0]?.message ?? '',
        /passed to another run.*nothing was written/,
      );
    } finally {
      undo();
      await sql(
        `UPDATE consolidation_leases SET owner = NULL, expires_at = NULL WHERE game_date = DATE '${GAME_DATE}'`,
      );
    }
    assert.equal(await state(), changedState);
  });

  it('a real restore does what its dry run said: the date is as it was', async () => {
    const real = await restore(false);
    assert.deepEqual(
      [real.dryRun, real.rowsToInsert, real.rowsToUpdate, real.rowsToDelete, real.run.status],
      [false, 2, 3, 1, 'SUCCEEDED'],
    );
    const rows = JSON.parse(await state()) as { prediction_id: string; predicted_points: number }[];
    assert.equal(rows.length, 12);
    assert.ok(!rows.some((r) => r.prediction_id === 'dan-extra'), 'the added row is deleted');
    assert.ok(
      rows.some((r) => r.prediction_id === 'ann-catboost_v9-0'),
      'deleted rows are back',
    );
    assert.deepEqual(
      rows.filter((r) => r.prediction_id.startsWith('bob')).map((r) => r.predicted_points),
      [22.4, 22.4, 22.4],
      'overwritten values are back',
    );
    const again = await restore();
    assert.deepEqual(
      [again.rowsToInsert, again.rowsToUpdate, again.rowsToDelete, again.rowsUnchanged],
      [0, 0, 0, 12],
    );
  });

  it('maintenanceRuns lists every restore, dry or not, refused or done: who, when, as of, figures', async () => {
    const data = await call<{ maintenanceRuns: RunView[] }>(RUNS, {
      d: GAME_DATE,
      kind: 'RESTORE',
    });
    assert.deepEqual(
      data.maintenanceRuns.map((r) => [
        r.dryRun,
        r.status,
        r.principal,
        r.asOf,
        r.rowsInserted,
        r.rowsUpdated,
        r.rowsDeleted,
      ]),
      [
        [true, 'SUCCEEDED', ON_CALL, asOf, 0, 0, 0],
        [false, 'SUCCEEDED', ON_CALL, asOf, 2, 3, 1],
        [false, 'FAILED', ON_CALL, asOf, 0, 0, 0],
        [false, 'FAILED', ON_CALL, asOf, 0, 0, 0],
        [true, 'SUCCEEDED', ON_CALL, asOf, 2, 3, 1],
      ],
    );
    assert.ok(data.maintenanceRuns.every((r) => r.kind === 'RESTORE'));
    const all = await call<{ maintenanceRuns: RunView[] }>(RUNS, {});
    assert.equal(all.maintenanceRuns.length, 5, 'also without a date');
  });

  it('a real run whose process died (started, never finished) shows FAILED once its lease is over', async () => {
    const startedAt = clock.now().toISOString();
    await t.app.get(MaintenanceRunsRepository).record({
      id: 'restore_died',
      kind: MaintenanceKind.RESTORE,
      gameDate: '2026-01-31',
      dryRun: false,
      status: ConsolidationStatus.RUNNING,
      principal: ON_CALL,
      startedAt,
      finishedAt: null,
      asOf,
      figures: {},
      error: null,
    });
    const statusNow = async () =>
      (await call<{ maintenanceRuns: RunView[] }>(RUNS, { d: '2026-01-31' })).maintenanceRuns.map(
        (r) => [r.id, r.status, r.error],
      );
    assert.deepEqual(await statusNow(), [['restore_died', 'RUNNING', null]]);
    clock.advanceMinutes(3); // LOCK_LEASE_SECONDS is 120
    assert.deepEqual(await statusNow(), [
      [
        'restore_died',
        'FAILED',
        'abandoned: no outcome was recorded before its lease expired; see the date for what it did',
      ],
    ]);
  });
});
