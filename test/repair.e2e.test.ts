import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { LockRepository } from '../src/consolidation/lock.repository';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { GAME_DATE, somePredictions } from './support/builders';
import { codes, FrozenClock, startTestApp, type TestApp } from './support/test-app';
import { beforeNextTransaction } from './support/transaction-hook';

const KEY = 'k-operator-3e5d7c9b1a2f4e68';
const OPERATOR = `api-key:${createHash('sha256').update(KEY).digest('hex').slice(0, 12)}`;
const TARGET = 'player_prop_predictions';

const START = `mutation($input: StartBatchInput!) { startBatch(input: $input) { batch { id } } }`;
const STAGE = `mutation($input: StagePredictionsInput!) { stagePredictions(input: $input) { rowsStaged } }`;
const CONSOLIDATE = `mutation($id: ID!) { consolidateBatch(batchId: $id) { status error } }`;
const SUMMARY = `query($d: Date!) { predictionSummary(gameDate: $d) { predictions duplicateKeys } }`;
const DUPLICATES = `query($d: Date!, $first: Int) { duplicateKeys(gameDate: $d, first: $first) {
  businessKey activeRows keptPredictionId rows { predictionId predictedPoints isActive } } }`;
const RUN_FIELDS = `id kind gameDate dryRun status principal startedAt finishedAt duplicateKeys rowsDeactivated rowsDeleted error`;
const REPAIR = `mutation($d: Date!, $dry: Boolean) { repairDuplicates(gameDate: $d, dryRun: $dry) {
  gameDate dryRun duplicateKeys rowsDeactivated rowsDeleted run { ${RUN_FIELDS} } } }`;
const RUNS = `query($d: Date) { maintenanceRuns(gameDate: $d) { ${RUN_FIELDS} } }`;

interface RunView {
  id: string;
  kind: string;
  dryRun: boolean;
  status: string;
  principal: string;
  duplicateKeys: number;
  rowsDeactivated: number;
  error: string | null;
}

interface RepairView {
  dryRun: boolean;
  duplicateKeys: number;
  rowsDeactivated: number;
  rowsDeleted: number;
  run: RunView;
}

describe('duplicated business keys already in the target: duplicateKeys and repairDuplicates', () => {
  let t: TestApp;
  let batchId = '';
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
  const activeIds = async () =>
    (
      await warehouse().query({
        sql: `SELECT prediction_id FROM ${TARGET} WHERE game_date = DATE '${GAME_DATE}' AND is_active ORDER BY prediction_id`,
        params: {},
      })
    ).map((r) => String(r.prediction_id));
  const summary = async () =>
    (
      await call<{ predictionSummary: { predictions: number; duplicateKeys: number } }>(SUMMARY, {
        d: GAME_DATE,
      })
    ).predictionSummary;
  const repair = async (dry?: boolean) => {
    clock.advanceMinutes(1); // runs are listed newest first
    return (await call<{ repairDuplicates: RepairView }>(REPAIR, { d: GAME_DATE, dry }))
      .repairDuplicates;
  };
  const repairRefused = async () => {
    clock.advanceMinutes(1);
    return t.gql(REPAIR, { d: GAME_DATE, dry: false }, headers);
  };

  before(async () => {
    t = await startTestApp({ clock, env: { API_KEYS: KEY } });
    const started = await call<{ startBatch: { batch: { id: string } } }>(START, {
      input: { gameDate: GAME_DATE, players: ['ann', 'bob', 'cat'] },
    });
    batchId = started.startBatch.batch.id;
    for (const [player, line] of [
      ['ann', 20.5],
      ['bob', null],
      ['cat', 20.5],
    ] as const) {
      const predictions = somePredictions(player, 3, { line });
      await call(STAGE, { input: { batchId, playerLookup: player, predictions } });
    }
    assert.equal(
      (await call<{ consolidateBatch: { status: string } }>(CONSOLIDATE, { id: batchId }))
        .consolidateBatch.status,
      'SUCCEEDED',
    );
    // What the predecessor left behind (INCIDENTS 5 and 6): an identical copy of a row, an
    // older row of a NULL-line key, and a key with three versions.
    await sql(
      `INSERT INTO ${TARGET} SELECT * FROM ${TARGET} WHERE prediction_id = 'ann-catboost_v9-0'`,
    );
    await sql(`INSERT INTO ${TARGET} SELECT * REPLACE ('bob-old' AS prediction_id, 30.5 AS predicted_points,
      created_at - INTERVAL 1 HOUR AS created_at, predicted_at - INTERVAL 1 HOUR AS predicted_at)
      FROM ${TARGET} WHERE prediction_id = 'bob-ensemble_v1-1'`);
    // A newer version written with an older created_at: the version (predicted_at) decides.
    await sql(`INSERT INTO ${TARGET} SELECT * REPLACE ('cat-late' AS prediction_id, 29.5 AS predicted_points,
      created_at - INTERVAL 2 HOUR AS created_at, predicted_at + INTERVAL 1 HOUR AS predicted_at)
      FROM ${TARGET} WHERE prediction_id = 'cat-similarity_v2-2'`);
    // Same version and created_at: the highest prediction id decides.
    await sql(`INSERT INTO ${TARGET} SELECT * REPLACE ('cat-zzz' AS prediction_id, 28.5 AS predicted_points)
      FROM ${TARGET} WHERE prediction_id = 'cat-similarity_v2-2'`);
    clock.advanceMinutes(30);
  });
  after(async () => t.close());

  it('a consolidation touching a duplicated key fails verification and changes nothing (the block)', async () => {
    await call(STAGE, {
      input: {
        batchId,
        playerLookup: 'bob',
        predictions: somePredictions('bob', 3, { line: null }),
      },
    });
    const run = await call<{ consolidateBatch: { status: string; error: string } }>(CONSOLIDATE, {
      id: batchId,
    });
    assert.equal(run.consolidateBatch.status, 'FAILED');
    assert.match(run.consolidateBatch.error, /more than one/);
    assert.deepEqual(await summary(), { predictions: 13, duplicateKeys: 3 });
  });

  it('duplicateKeys lists each key with its active rows, the one the repair keeps first', async () => {
    const data = await call<{
      duplicateKeys: {
        businessKey: Record<string, unknown>;
        activeRows: number;
        keptPredictionId: string;
        rows: { predictionId: string; isActive: boolean }[];
      }[];
    }>(DUPLICATES, { d: GAME_DATE });
    const byPlayer = new Map(data.duplicateKeys.map((k) => [k.businessKey.playerLookup, k]));
    assert.equal(data.duplicateKeys.length, 3);
    assert.deepEqual(byPlayer.get('bob')?.businessKey, {
      gameDate: GAME_DATE,
      gameId: '20260130_GSW_LAL',
      playerLookup: 'bob',
      systemId: 'ensemble_v1',
      currentPointsLine: null,
    });
    assert.deepEqual(
      data.duplicateKeys.map((k) => [
        k.businessKey.playerLookup,
        k.activeRows,
        k.keptPredictionId,
        k.rows.map((r) => r.predictionId),
      ]),
      [
        ['ann', 2, 'ann-catboost_v9-0', ['ann-catboost_v9-0', 'ann-catboost_v9-0']],
        ['bob', 2, 'bob-ensemble_v1-1', ['bob-ensemble_v1-1', 'bob-old']],
        ['cat', 3, 'cat-late', ['cat-late', 'cat-zzz', 'cat-similarity_v2-2']],
      ],
    );
    const firstOnly = await call<{ duplicateKeys: unknown[] }>(DUPLICATES, {
      d: GAME_DATE,
      first: 1,
    });
    assert.equal(firstOnly.duplicateKeys.length, 1);
  });

  it('the dry run (the default) says what it would do and changes nothing', async () => {
    const dry = await repair();
    assert.deepEqual(
      [dry.dryRun, dry.duplicateKeys, dry.rowsDeactivated, dry.rowsDeleted],
      [true, 3, 3, 1],
      'ann: a copy of the kept row (same prediction id) goes; bob: 1 and cat: 2 deactivated',
    );
    assert.deepEqual(
      [dry.run.kind, dry.run.status, dry.run.dryRun, dry.run.principal],
      ['REPAIR_DUPLICATES', 'SUCCEEDED', true, OPERATOR],
    );
    assert.deepEqual(await summary(), { predictions: 13, duplicateKeys: 3 });
  });

  it('waits for a consolidation that holds the date: CONFLICT, recorded, nothing changed', async () => {
    const locks = t.app.get(LockRepository);
    assert.equal(
      (await locks.acquire(GAME_DATE, 'r_other_run', clock.now(), 120))?.owner,
      'r_other_run',
    );
    try {
      const response = await repairRefused();
      assert.deepEqual(codes(response), ['CONFLICT']);
      assert.match(response.errors?.[0]?.message ?? '', /held by r_other_run/);
    } finally {
      await locks.release(GAME_DATE, 'r_other_run');
    }
    assert.deepEqual(await summary(), { predictions: 13, duplicateKeys: 3 });
  });

  it('commits nothing when another run takes the lease before its transaction (the fence)', async () => {
    const restore = beforeNextTransaction(warehouse(), 'repair_duplicates', () =>
      sql(
        `UPDATE consolidation_leases SET owner = 'r_thief' WHERE game_date = DATE '${GAME_DATE}'`,
      ),
    );
    try {
      const response = await repairRefused();
      assert.deepEqual(codes(response), ['CONFLICT']);
      assert.match(
        response.errors?.[0]?.message ?? '',
        /passed to another run.*nothing was written/,
      );
    } finally {
      restore();
      await sql(
        `UPDATE consolidation_leases SET owner = NULL, expires_at = NULL WHERE game_date = DATE '${GAME_DATE}'`,
      );
    }
    assert.deepEqual(await summary(), { predictions: 13, duplicateKeys: 3 });
  });

  it('keeps the newest active row of each key, deactivates the others, and unblocks the consolidation', async () => {
    const real = await repair(false);
    assert.deepEqual(
      [real.dryRun, real.duplicateKeys, real.rowsDeactivated, real.rowsDeleted, real.run.status],
      [false, 3, 3, 1, 'SUCCEEDED'],
    );
    assert.deepEqual(await summary(), { predictions: 9, duplicateKeys: 0 });
    const active = await activeIds();
    for (const kept of ['ann-catboost_v9-0', 'bob-ensemble_v1-1', 'cat-late'])
      assert.ok(active.includes(kept), kept);
    for (const gone of ['bob-old', 'cat-zzz', 'cat-similarity_v2-2'])
      assert.ok(!active.includes(gone), gone);
    const losers = await warehouse().query({
      sql: `SELECT prediction_id, superseded_by, CAST(updated_at AS VARCHAR) AS updated_at FROM ${TARGET}
        WHERE game_date = DATE '${GAME_DATE}' AND NOT is_active ORDER BY prediction_id`,
      params: {},
    });
    assert.deepEqual(
      losers.map((r) => [r.prediction_id, r.superseded_by, r.updated_at]),
      [
        ['bob-old', 'bob-ensemble_v1-1', '2026-01-30 15:34:00+00'],
        ['cat-similarity_v2-2', 'cat-late', '2026-01-30 15:34:00+00'],
        ['cat-zzz', 'cat-late', '2026-01-30 15:34:00+00'],
      ],
      'the other rows stay, inactive and superseded by the row kept',
    );
    assert.equal(
      Number(
        (
          await warehouse().query({
            sql: `SELECT count(*) AS n FROM ${TARGET} WHERE prediction_id = 'ann-catboost_v9-0'`,
            params: {},
          })
        )[0]?.n,
      ),
      1,
      'the copy of the kept row is gone',
    );
    // The batch's staging (kept by the failed run) now consolidates.
    const run = await call<{ consolidateBatch: { status: string; error: string | null } }>(
      CONSOLIDATE,
      { id: batchId },
    );
    assert.deepEqual(run.consolidateBatch, { status: 'SUCCEEDED', error: null });
    assert.equal((await repair()).duplicateKeys, 0, 'nothing left to repair');
  });

  it('maintenanceRuns lists every repair, dry or not, refused or done, with who asked', async () => {
    const runs = await call<{ maintenanceRuns: RunView[] }>(RUNS, { d: GAME_DATE });
    assert.deepEqual(
      runs.maintenanceRuns.map((r) => [r.kind, r.dryRun, r.status, r.duplicateKeys, r.principal]),
      [
        ['REPAIR_DUPLICATES', true, 'SUCCEEDED', 0, OPERATOR],
        ['REPAIR_DUPLICATES', false, 'SUCCEEDED', 3, OPERATOR],
        ['REPAIR_DUPLICATES', false, 'FAILED', 0, OPERATOR],
        ['REPAIR_DUPLICATES', false, 'FAILED', 0, OPERATOR],
        ['REPAIR_DUPLICATES', true, 'SUCCEEDED', 3, OPERATOR],
      ],
    );
    assert.match(runs.maintenanceRuns[2]?.error ?? '', /passed to another run/);
    assert.match(runs.maintenanceRuns[3]?.error ?? '', /held by r_other_run/);
  });
});
