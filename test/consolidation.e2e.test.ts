import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { GAME_DATE, somePlayers, somePredictions } from './support/builders';
import {
  consolidationApi,
  inParallel,
  type ConsolidationApi,
  type RunView,
} from './support/consolidation-api';
import { beforeNextTransaction } from './support/transaction-hook';
import { codes, FrozenClock, startTestApp, type TestApp } from './support/test-app';

/** The target columns workers never write: absent from every staging table. */
const TARGET_ONLY = [
  'calibrated_confidence_score',
  'calibration_method',
  'early_season_flag',
  'feature_count',
  'feature_data_source',
  'feature_quality_score',
  'prediction_error_code',
  'prediction_warnings',
  'raw_confidence_score',
];

const clock = new FrozenClock();
let t: TestApp;
let api: ConsolidationApi;

before(async () => {
  t = await startTestApp({ clock });
  api = consolidationApi(t);
});
after(async () => t.close());

function figures(run: RunView | undefined) {
  assert.ok(run, 'a run should be recorded');
  const {
    stagingTables,
    rowsStaged,
    duplicatesDropped,
    rowsInserted,
    rowsUpdated,
    rowsDeactivated,
  } = run;
  return {
    stagingTables,
    rowsStaged,
    duplicatesDropped,
    rowsInserted,
    rowsUpdated,
    rowsDeactivated,
  };
}

function patch(
  rows: Record<string, unknown>[],
  values: Record<string, unknown>,
): Record<string, unknown>[] {
  return rows.map((r) => ({ ...r, ...values }));
}

interface StoredRow {
  prediction_id: string;
  system_id: string;
  current_points_line: number | null;
  predicted_points: number;
  is_active: boolean;
  created_at: string;
  updated_at: string | null;
}

async function rowsOf(gameDate: string, player: string): Promise<StoredRow[]> {
  const rows =
    await api.query(`SELECT prediction_id, system_id, current_points_line, predicted_points, is_active,
      created_at, updated_at FROM player_prop_predictions
    WHERE game_date = DATE '${gameDate}' AND player_lookup = '${player}'
    ORDER BY system_id, current_points_line, is_active`);
  return rows as unknown as StoredRow[];
}

describe('the seed day', () => {
  it('lands 966 predictions of 141 players staged with 63 columns into the 72-column target', async () => {
    const players = somePlayers(141);
    const counts = players.map((_, i) => (i < 120 ? 7 : 6));
    const batchId = await api.start(GAME_DATE, players);
    await inParallel(players, 6, (player, i) =>
      api.stage(batchId, player, somePredictions(player, counts[i] ?? 0)),
    );

    const staging = await api.stagingTables(batchId);
    assert.equal(staging.length, 141);
    const stagedColumns = await api.columnsOf(staging[0] ?? '');
    const targetColumns = await api.columnsOf('player_prop_predictions');
    assert.equal(stagedColumns.length, 63);
    assert.equal(targetColumns.length, 72);
    assert.deepEqual(targetColumns.filter((c) => !stagedColumns.includes(c)).sort(), TARGET_ONLY);

    const completions = await inParallel(players, 6, (player, i) =>
      api.complete(batchId, player, counts[i] ?? 0),
    );
    assert.equal(
      completions.filter((c) => c.consolidationTriggered).length,
      1,
      'one completion triggers one run',
    );
    const batch = await api.waitForRuns(batchId, 1);
    assert.equal(batch.status, 'CONSOLIDATED');
    assert.equal(batch.consolidations.length, 1);
    assert.equal(batch.consolidations[0]?.trigger, 'BATCH_COMPLETE');
    assert.deepEqual(figures(batch.consolidations[0]), {
      stagingTables: 141,
      rowsStaged: 966,
      duplicatesDropped: 0,
      rowsInserted: 966,
      rowsUpdated: 0,
      rowsDeactivated: 0,
    });

    const [landed] = await api.query(`SELECT count(*) AS n, count(DISTINCT player_lookup) AS players
      FROM player_prop_predictions WHERE game_date = DATE '${GAME_DATE}' AND is_active`);
    assert.deepEqual(landed, { n: 966, players: 141 });
    const nonNull = TARGET_ONLY.map((c) => `count("${c}") AS "${c}"`).join(', ');
    const [targetOnly] = await api.query(
      `SELECT ${nonNull} FROM player_prop_predictions WHERE game_date = DATE '${GAME_DATE}'`,
    );
    assert.deepEqual(
      targetOnly,
      Object.fromEntries(TARGET_ONLY.map((c) => [c, 0])),
      'target-only columns stay NULL',
    );
    assert.equal(await api.duplicateKeys(GAME_DATE), 0);
    const summary = await t.ok<{
      predictionSummary: { predictions: number; players: number; duplicateKeys: number };
    }>(
      `query($d: Date!) { predictionSummary(gameDate: $d) { predictions players duplicateKeys } }`,
      { d: GAME_DATE },
    );
    assert.deepEqual(summary.predictionSummary, {
      predictions: 966,
      players: 141,
      duplicateKeys: 0,
    });
    assert.deepEqual(await api.stagingTables(batchId), [], 'staging dropped after verification');
  });
});

describe('what the MERGE keeps and changes', () => {
  it('sets updated_at once to the run time and keeps prediction_id and created_at of the first write', async () => {
    const date = '2026-02-01';
    const batchId = await api.start(date, ['ann', 'bob']);
    const firstAt = clock.now().toISOString();
    await api.stageAndComplete(batchId, ['ann', 'bob'], (p) =>
      somePredictions(p, 7, { gameDate: date }),
    );
    await api.waitForRuns(batchId, 1);
    const before = await rowsOf(date, 'ann');
    assert.equal(before.length, 7);
    for (const row of before)
      assert.deepEqual([row.created_at, row.updated_at], [firstAt, firstAt]);

    clock.advanceMinutes(30);
    const secondAt = clock.now().toISOString();
    const restaged = patch(somePredictions('ann', 7, { gameDate: date, idSuffix: '-rerun' }), {
      predictedPoints: 25,
    });
    await api.stage(batchId, 'ann', restaged);
    const run = await api.consolidate(batchId);
    assert.equal(run.status, 'SUCCEEDED', String(run.error));
    assert.deepEqual(figures(run), {
      stagingTables: 1,
      rowsStaged: 7,
      duplicatesDropped: 0,
      rowsInserted: 0,
      rowsUpdated: 7,
      rowsDeactivated: 0,
    });

    const updated = await rowsOf(date, 'ann');
    assert.deepEqual(
      updated.map((r) => [
        r.prediction_id,
        r.created_at,
        r.updated_at,
        r.predicted_points,
        r.is_active,
      ]),
      before.map((r) => [r.prediction_id, firstAt, secondAt, 25, true]),
      'the first id and created_at are kept; updated_at is the second run time',
    );
    assert.ok(updated.every((r) => !r.prediction_id.endsWith('-rerun')));
    const bob = await rowsOf(date, 'bob');
    assert.ok(
      bob.every((r) => r.updated_at === firstAt),
      'rows not restaged are not touched',
    );
    const snapshot = await api.query(`SELECT count(*) AS n, max(predicted_points) AS points
      FROM prediction_snapshots WHERE game_date = DATE '${date}'
      AND starts_with(snapshot_id, '${run.id}') AND snapshot_reason = 'before_merge'
      AND prediction_id IS NOT NULL`);
    assert.deepEqual(snapshot, [{ n: 14, points: 22.4 }], 'the rows before the MERGE are kept');
  });

  it('commits nothing when the before-image cannot be written: the run fails, its staging kept', async () => {
    const date = '2026-03-06';
    const batchId = await api.start(date, ['emil']);
    await api.stageAndComplete(batchId, ['emil'], (p) => somePredictions(p, 7, { gameDate: date }));
    await api.waitForRuns(batchId, 1);
    clock.advanceMinutes(30);
    await api.stage(
      batchId,
      'emil',
      patch(somePredictions('emil', 7, { gameDate: date }), { predictedPoints: 31 }),
    );
    const warehouse = t.app.get(WarehouseClient);
    const execute = warehouse.execute.bind(warehouse);
    warehouse.execute = async (statement) => {
      if (statement.job?.operation === 'snapshot') {
        throw new Error('disk full while writing the before-image');
      }
      return execute(statement);
    };
    let run: RunView;
    try {
      run = await api.consolidate(batchId);
    } finally {
      warehouse.execute = execute;
    }
    assert.equal(run.status, 'FAILED');
    assert.deepEqual(
      (await rowsOf(date, 'emil')).map((r) => r.predicted_points),
      Array(7).fill(22.4),
      'the MERGE was rolled back',
    );
    const retried = await api.consolidate(batchId);
    assert.equal(retried.status, 'SUCCEEDED', String(retried.error));
    assert.equal(retried.rowsUpdated, 7, 'the staging was kept for the retry');
  });

  it('treats a NULL line as a value: a second run updates the rows, inserts none', async () => {
    const date = '2026-02-02';
    const batchId = await api.start(date, ['carl']);
    await api.stageAndComplete(batchId, ['carl'], (p) =>
      somePredictions(p, 7, { gameDate: date, line: null }),
    );
    const first = await api.waitForRuns(batchId, 1);
    assert.equal(first.consolidations[0]?.rowsInserted, 7);

    clock.advanceMinutes(5);
    await api.stage(batchId, 'carl', somePredictions('carl', 7, { gameDate: date, line: null }));
    const second = await api.consolidate(batchId);
    assert.deepEqual([second.status, second.rowsInserted, second.rowsUpdated], ['SUCCEEDED', 0, 7]);
    const third = await api.consolidate(batchId);
    assert.deepEqual([third.status, third.stagingTables, third.rowsInserted], ['SUCCEEDED', 0, 0]);

    const rows = await rowsOf(date, 'carl');
    assert.equal(rows.length, 7, 'no NULL-line row was duplicated');
    assert.ok(rows.every((r) => r.current_points_line === null && r.is_active));
    assert.equal(await api.duplicateKeys(date), 0);
  });

  it('keeps the newest of a key staged twice and counts the dropped duplicates', async () => {
    const date = '2026-02-03';
    const older = new Date(clock.now().getTime() - 10 * 60_000).toISOString();
    const newer = new Date(clock.now().getTime() - 2 * 60_000).toISOString();
    const batchId = await api.start(date, ['dan', 'eve']);
    // One player's staging with the same key twice (an upstream duplicated player, incident 33).
    const dan = somePredictions('dan', 7, { gameDate: date, createdAt: older });
    const danDuplicate = {
      ...dan[0],
      predictionId: 'dan-newest',
      predictedPoints: 30,
      createdAt: newer,
    };
    await api.stage(batchId, 'dan', [...dan, danDuplicate]);
    // Two writers for eve: the API and a worker writing its own table under the batch prefix.
    await api.stage(
      batchId,
      'eve',
      somePredictions('eve', 7, { gameDate: date, createdAt: older }),
    );
    const direct = patch(
      somePredictions('eve', 7, { gameDate: date, createdAt: newer, idSuffix: '-direct' }),
      { predictedPoints: 18 },
    );
    await api.writeStagingDirectly(batchId, 'eve_direct', date, direct);
    await api.complete(batchId, 'dan', 8);
    const last = await api.complete(batchId, 'eve', 7);
    assert.equal(last.consolidationTriggered, true);

    const batch = await api.waitForRuns(batchId, 1);
    assert.deepEqual(figures(batch.consolidations[0]), {
      stagingTables: 3,
      rowsStaged: 22,
      duplicatesDropped: 8,
      rowsInserted: 14,
      rowsUpdated: 0,
      rowsDeactivated: 0,
    });
    const danRows = await rowsOf(date, 'dan');
    assert.equal(danRows.length, 7);
    const danFirst = danRows.find((r) => r.system_id === dan[0]?.systemId);
    assert.deepEqual([danFirst?.prediction_id, danFirst?.predicted_points], ['dan-newest', 30]);
    const eveRows = await rowsOf(date, 'eve');
    assert.deepEqual(
      eveRows.map((r) => [r.predicted_points, r.prediction_id.endsWith('-direct')]),
      eveRows.map(() => [18, true]),
      'the newer writer wins every key',
    );
    assert.equal(await api.duplicateKeys(date), 0);

    const again = await api.consolidate(batchId);
    assert.deepEqual([again.status, again.rowsInserted], ['SUCCEEDED', 0]);
    assert.equal(await api.activeRows(date), 14);
  });
});

describe('deactivation of superseded lines', () => {
  const date = '2026-02-04';
  const systems = ['catboost_v9', 'ensemble_v1', 'xgb_v3'];
  let batchId: string;

  before(async () => {
    batchId = await api.start(date, ['fay', 'gus']);
    await api.stageAndComplete(batchId, ['fay', 'gus'], (p) =>
      somePredictions(p, 3, { gameDate: date, systems, line: 20.5 }),
    );
    await api.waitForRuns(batchId, 1);
  });

  it('deactivates the old line of the restaged system in the same run', async () => {
    const moved = somePredictions('fay', 3, { gameDate: date, systems, line: 20.5 }).map((r) =>
      r.systemId === 'catboost_v9' ? { ...r, currentPointsLine: 21.5 } : r,
    );
    await api.stage(batchId, 'fay', moved);
    const run = await api.consolidate(batchId);
    assert.deepEqual(figures(run), {
      stagingTables: 1,
      rowsStaged: 3,
      duplicatesDropped: 0,
      rowsInserted: 1,
      rowsUpdated: 2,
      rowsDeactivated: 1,
    });
    assert.deepEqual(
      (await rowsOf(date, 'fay')).map((r) => [r.system_id, r.current_points_line, r.is_active]),
      [
        ['catboost_v9', 20.5, false],
        ['catboost_v9', 21.5, true],
        ['ensemble_v1', 20.5, true],
        ['xgb_v3', 20.5, true],
      ],
    );
  });

  it('with several systems per player deactivates only the matching system (incident 22)', async () => {
    await api.stage(
      batchId,
      'gus',
      somePredictions('gus', 1, { gameDate: date, systems: ['xgb_v3'], line: 19.5 }),
    );
    const run = await api.consolidate(batchId);
    assert.deepEqual([run.status, run.rowsInserted, run.rowsDeactivated], ['SUCCEEDED', 1, 1]);
    assert.deepEqual(
      (await rowsOf(date, 'gus')).map((r) => [r.system_id, r.current_points_line, r.is_active]),
      [
        ['catboost_v9', 20.5, true],
        ['ensemble_v1', 20.5, true],
        ['xgb_v3', 19.5, true],
        ['xgb_v3', 20.5, false],
      ],
    );
    const fayActive = (await rowsOf(date, 'fay')).filter((r) => r.is_active).length;
    assert.equal(fayActive, 3, 'another player with the same systems is untouched');
  });
});

describe('one run at a time per game date', () => {
  it('runs one MERGE for 20 concurrent consolidateBatch calls; the others get CONFLICT', async () => {
    const date = '2026-02-05';
    const players = somePlayers(40, 'con');
    const batchId = await api.start(date, players);
    await inParallel(players, 6, (p) =>
      api.stage(batchId, p, somePredictions(p, 7, { gameDate: date })),
    );

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api.consolidateRaw(batchId)),
    );
    const succeeded = responses.filter((r) => r.data?.consolidateBatch.status === 'SUCCEEDED');
    const refused = responses.filter((r) => r.errors !== undefined);
    assert.equal(succeeded.length, 1, JSON.stringify(responses.map((r) => r.data ?? r.errors)));
    assert.equal(refused.length, 19);
    for (const response of refused) assert.deepEqual(codes(response), ['CONFLICT']);
    assert.equal(succeeded[0]?.data?.consolidateBatch.rowsInserted, 280);
    assert.equal((await api.runs(batchId)).consolidations.length, 1, 'refused calls record no run');
    assert.equal(await api.activeRows(date), 280);
    assert.equal(await api.duplicateKeys(date), 0);
  });

  it('refuses while another replica holds the lease, and runs once it expired', async () => {
    const date = '2026-02-06';
    const batchId = await api.start(date, ['hal']);
    await api.stage(batchId, 'hal', somePredictions('hal', 7, { gameDate: date }));
    const now = clock.now().getTime();
    await api.execute(`INSERT INTO consolidation_leases VALUES (DATE '${date}', 'replica-b-run',
      TIMESTAMPTZ '${new Date(now).toISOString()}', TIMESTAMPTZ '${new Date(now + 120_000).toISOString()}')`);

    const refused = await api.consolidateRaw(batchId);
    assert.deepEqual(codes(refused), ['CONFLICT']);
    assert.match(refused.errors?.[0]?.message ?? '', /replica-b-run/);
    assert.equal((await api.stagingTables(batchId)).length, 1, 'staging untouched');
    assert.equal(
      await api.count(`SELECT count(*) FROM consolidation_leases WHERE owner = 'replica-b-run'`),
      1,
      "another owner's lease is not released",
    );

    clock.advanceMinutes(3);
    const run = await api.consolidate(batchId);
    assert.deepEqual([run.status, run.rowsInserted], ['SUCCEEDED', 7]);
    await api.settled(date);
    assert.equal(
      await api.count(
        `SELECT count(*) FROM consolidation_leases WHERE game_date = DATE '${date}' AND owner IS NOT NULL`,
      ),
      0,
      'lease released',
    );
  });
});

describe('late completions', () => {
  it('consolidates a late player once more and ignores duplicate completions', async () => {
    const date = '2026-02-07';
    const players = ['ida', 'jon', 'kim'];
    const batchId = await api.start(date, players);
    await api.stageAndComplete(batchId, players, (p) => somePredictions(p, 7, { gameDate: date }));
    await api.waitForRuns(batchId, 1);
    assert.equal(await api.activeRows(date), 21);

    clock.advanceMinutes(2);
    await api.stage(batchId, 'lou', somePredictions('lou', 7, { gameDate: date }));
    const late = await api.complete(batchId, 'lou', 7);
    assert.equal(
      late.consolidationTriggered,
      true,
      'a late completion with new staging triggers a run',
    );
    const batch = await api.waitForRuns(batchId, 2);
    assert.deepEqual(
      batch.consolidations.map((r) => [r.status, r.rowsInserted]),
      [
        ['SUCCEEDED', 7],
        ['SUCCEEDED', 21],
      ],
    );
    assert.equal(await api.activeRows(date), 28);

    clock.advanceMinutes(2);
    const repeats = await Promise.all([
      ...Array.from({ length: 5 }, () => api.complete(batchId, 'lou', 7)),
      ...Array.from({ length: 5 }, () => api.complete(batchId, 'ida', 7)),
    ]);
    assert.ok(repeats.every((r) => !r.consolidationTriggered));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(
      (await api.runs(batchId)).consolidations.length,
      2,
      'duplicate completions start no run',
    );
  });

  it('runs once more for a player restaged after the run who reports the same count', async () => {
    const date = '2026-02-11';
    const players = ['pia', 'quin'];
    const batchId = await api.start(date, players);
    await api.stageAndComplete(batchId, players, (p) => somePredictions(p, 7, { gameDate: date }));
    await api.waitForRuns(batchId, 1);

    clock.advanceMinutes(3);
    // The worker re-runs pia with new values: the same 7 predictions, so the same count.
    const rerun = patch(somePredictions('pia', 7, { gameDate: date }), { predictedPoints: 30 });
    await api.stage(batchId, 'pia', rerun);
    const again = await api.complete(batchId, 'pia', 7);
    assert.equal(again.consolidationTriggered, true, 'newer staging triggers a run');
    const batch = await api.waitForRuns(batchId, 2);
    assert.deepEqual(
      batch.consolidations.map((r) => [r.status, r.rowsInserted, r.rowsUpdated]),
      [
        ['SUCCEEDED', 0, 7],
        ['SUCCEEDED', 14, 0],
      ],
    );
    const points =
      await api.query(`SELECT DISTINCT predicted_points AS p FROM player_prop_predictions
      WHERE game_date = DATE '${date}' AND player_lookup = 'pia'`);
    assert.deepEqual(points, [{ p: 30 }]);

    // Redelivered once more, with nothing new staged: no run.
    clock.advanceMinutes(1);
    const redelivered = await api.complete(batchId, 'pia', 7);
    assert.equal(redelivered.consolidationTriggered, false);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await api.runs(batchId)).consolidations.length, 2);
  });

  it('runs once more for a player that completes while an operator run is in flight', async () => {
    const date = '2026-02-08';
    const players = ['max', 'ned', 'oda'];
    const batchId = await api.start(date, players);
    await api.stageAndComplete(batchId, players.slice(0, 2), (p) =>
      somePredictions(p, 7, { gameDate: date }),
    );
    // The last worker finishes while the operator's run is merging.
    const restore = beforeNextTransaction(t.app.get(WarehouseClient), 'merge', () => {
      clock.advanceMinutes(1);
      return api.stageAndComplete(batchId, ['oda'], (p) =>
        somePredictions(p, 7, { gameDate: date }),
      );
    });
    try {
      const manual = await api.consolidate(batchId);
      assert.deepEqual([manual.status, manual.rowsInserted], ['SUCCEEDED', 14]);
    } finally {
      restore();
    }
    const batch = await api.waitForRuns(batchId, 2);
    assert.equal(batch.consolidations[0]?.rowsInserted, 7, JSON.stringify(batch.consolidations));
    assert.equal(await api.activeRows(date), 21);
    assert.deepEqual(await api.stagingTables(batchId), []);
  });

  it('never drops a staging table a worker replaced while the run was merging', async () => {
    const date = '2026-02-09';
    const batchId = await api.start(date, ['pia', 'quy']);
    for (const p of ['pia', 'quy']) {
      await api.stage(batchId, p, somePredictions(p, 7, { gameDate: date }));
    }
    // The worker retries pia with moved lines while the run is merging.
    const restore = beforeNextTransaction(t.app.get(WarehouseClient), 'merge', () =>
      api.stage(batchId, 'pia', somePredictions('pia', 7, { gameDate: date, line: 30.5 })),
    );
    try {
      assert.equal((await api.consolidate(batchId)).status, 'SUCCEEDED');
    } finally {
      restore();
    }
    const landed = await api.count(`SELECT count(*) FROM player_prop_predictions
        WHERE game_date = DATE '${date}' AND current_points_line = 30.5`);
    const kept = await api.stagingTables(batchId);
    assert.deepEqual(
      kept.length,
      1,
      `the replaced table stays for the next run (landed ${landed})`,
    );
    assert.equal((await api.consolidate(batchId)).status, 'SUCCEEDED');
    const after = await api.count(`SELECT count(*) FROM player_prop_predictions
        WHERE game_date = DATE '${date}' AND current_points_line = 30.5 AND is_active`);
    assert.equal(after, 7, 'the next run lands the replaced rows');
  });
});

describe('players reported without staging (incident 9)', () => {
  it('fails the run naming them, while the staged players land; a 0-prediction player is fine', async () => {
    const date = '2026-02-10';
    const players = ['rae', 'sol', 'tex', 'uma'];
    const batchId = await api.start(date, players);
    await api.stageAndComplete(batchId, ['rae', 'sol'], (p) =>
      somePredictions(p, 7, { gameDate: date }),
    );
    await api.complete(batchId, 'uma', 0); // skipped by its worker: nothing to stage (incident 25)
    const last = await api.complete(batchId, 'tex', 7); // says 7, staged nothing
    assert.equal(last.consolidationTriggered, true);
    const batch = await api.waitForRuns(batchId, 1);
    const run = batch.consolidations[0];
    assert.deepEqual(
      [batch.status, run?.status, run?.missingPlayers],
      ['FAILED', 'FAILED', ['tex']],
    );
    assert.match(run?.error ?? '', /tex/);
    assert.equal(run?.rowsInserted, 14);
    assert.equal(await api.activeRows(date), 14);
  });
});
