import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { somePredictions } from './support/builders';
import { consolidationScenario, STAGE, type ConsolidationApi } from './support/consolidation-api';
import { codes } from './support/test-app';

interface FieldProblem {
  field: string;
  problem: string;
}

function without(row: Record<string, unknown> | undefined, field: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row ?? {}).filter(([key]) => key !== field));
}

function fieldsOf(response: { errors?: { extensions?: Record<string, unknown> }[] }): string[] {
  const fields = (response.errors?.[0]?.extensions?.fields ?? []) as FieldProblem[];
  return fields.map((f) => f.field);
}

describe('staging validation', () => {
  const s = consolidationScenario();
  const date = '2026-01-28';
  let batchId: string;
  before(async () => {
    batchId = await s.api.start(date, ['ann', 'bob', 'cid']);
  });

  it('lists every offending field in one BAD_USER_INPUT and writes nothing', async () => {
    const rows = somePredictions('ann', 4, { gameDate: date });
    rows[0] = { ...rows[0], predictedPoints: 12345.6 };
    rows[1] = { ...rows[1], gameDate: '2026-01-29' };
    rows[2] = { ...rows[2], playerLookup: 'bob' };
    rows[3] = { ...rows[3], confidenceScore: 1000 };
    const response = await s.t.gql(STAGE, {
      input: { batchId, playerLookup: 'ann', predictions: rows },
    });
    assert.deepEqual(codes(response), ['BAD_USER_INPUT']);
    assert.deepEqual(fieldsOf(response), [
      'predictions[0].predictedPoints',
      'predictions[1].gameDate',
      'predictions[2].playerLookup',
      'predictions[3].confidenceScore',
    ]);
    assert.match(response.errors?.[0]?.message ?? '', /12345\.6 is outside NUMERIC\(5,1\)/);
    assert.deepEqual(await s.api.stagingTables(batchId), [], 'nothing was staged');
  });

  it('refuses a missing required field and an unknown field with BAD_USER_INPUT naming them', async () => {
    const [first, second] = somePredictions('bob', 2, { gameDate: date });
    const withoutSystem = without(first, 'systemId');
    const response = await s.t.gql(STAGE, {
      input: {
        batchId,
        playerLookup: 'bob',
        predictions: [withoutSystem, { ...second, modelNotes: 'from a newer worker' }],
      },
    });
    assert.deepEqual(codes(response), ['BAD_USER_INPUT']);
    assert.deepEqual(response.errors?.[0]?.extensions?.fields, [
      { field: 'predictions[0].systemId', problem: 'is required' },
      { field: 'predictions[1].modelNotes', problem: 'is not a column of the target table' },
    ]);
    assert.match(response.errors?.[0]?.message ?? '', /2 invalid field\(s\); nothing was staged/);
    assert.deepEqual(await s.api.stagingTables(batchId), []);
  });

  it("keeps GraphQL's own coercion errors where the batch cannot be read", async () => {
    const [first] = somePredictions('dee', 1, { gameDate: date });
    const response = await s.t.gql(STAGE, {
      input: {
        batchId: 'b20991231_1',
        playerLookup: 'dee',
        predictions: [{ ...first, modelNotes: 'x' }],
      },
    });
    assert.deepEqual(codes(response), ['BAD_USER_INPUT']);
    assert.match(response.errors?.[0]?.message ?? '', /"modelNotes" is not defined/);
  });

  it('lists the four kinds of problem together in one BAD_USER_INPUT', async () => {
    const rows = somePredictions('cid', 4, { gameDate: date });
    const withoutSystem = without(rows[1], 'systemId');
    const predictions = [
      { ...rows[0], predictedPoints: 12345.6 },
      withoutSystem,
      { ...rows[2], gameDate: '2026-01-29' },
      { ...rows[3], modelNotes: 'x' },
    ];
    const response = await s.t.gql(STAGE, {
      input: { batchId, playerLookup: 'cid', predictions },
    });
    assert.deepEqual(codes(response), ['BAD_USER_INPUT']);
    assert.deepEqual(fieldsOf(response), [
      'predictions[0].predictedPoints',
      'predictions[1].systemId',
      'predictions[2].gameDate',
      'predictions[3].modelNotes',
    ]);
  });

  it('replaces the staging table on a retry, never appends; a refused retry leaves it as it was', async () => {
    const { api, clock } = s;
    await api.stage(batchId, 'cid', somePredictions('cid', 7, { gameDate: date }));
    clock.advanceMinutes(1);
    const retry = somePredictions('cid', 7, { gameDate: date }).map((r) => ({
      ...r,
      predictedPoints: 19.5,
    }));
    assert.equal(await api.stage(batchId, 'cid', retry), 7);
    const refused = await s.t.gql(STAGE, {
      input: {
        batchId,
        playerLookup: 'cid',
        predictions: [{ ...retry[0], predictedPoints: 12345.6 }],
      },
    });
    assert.deepEqual(codes(refused), ['BAD_USER_INPUT']);
    const [table] = await api.stagingTables(batchId);
    const staged = await api.query(
      `SELECT count(*) AS n, min(predicted_points) AS lo, max(predicted_points) AS hi FROM ${await api.stagedFrom(table ?? '')}`,
    );
    assert.deepEqual(staged[0], { n: 7, lo: 19.5, hi: 19.5 });
    for (const p of ['ann', 'bob']) {
      await api.stage(batchId, p, somePredictions(p, 7, { gameDate: date }));
    }
    const run = await api.consolidate(batchId);
    assert.deepEqual([run.status, run.rowsStaged, run.rowsInserted], ['SUCCEEDED', 21, 21]);
    assert.equal(await api.duplicateKeys(date), 0);
  });
});

describe('nothing is rounded: values finer than a NUMERIC column are refused', () => {
  const s = consolidationScenario();
  const date = '2026-01-27';
  let batchId: string;
  before(async () => {
    batchId = await s.api.start(date, ['ann', 'bob']);
  });

  it('refuses a line of 25.55 for NUMERIC(4,1), naming the field, the row and the scale; nothing is staged', async () => {
    const rows = somePredictions('ann', 3, { gameDate: date, systems: ['catboost_v9'] });
    const predictions = [
      { ...rows[0], currentPointsLine: 25.6 },
      { ...rows[1], currentPointsLine: 25.55 },
      { ...rows[2], currentPointsLine: 24.5, confidenceScore: 71.255 },
    ];
    const response = await s.t.gql(STAGE, {
      input: { batchId, playerLookup: 'ann', predictions },
    });
    assert.deepEqual(codes(response), ['BAD_USER_INPUT']);
    assert.deepEqual(fieldsOf(response), [
      'predictions[1].currentPointsLine',
      'predictions[2].confidenceScore',
    ]);
    const message = response.errors?.[0]?.message ?? '';
    assert.match(
      message,
      /predictions\[1\]\.currentPointsLine 25\.55 is finer than NUMERIC\(4,1\) \(scale 1/,
    );
    assert.match(message, /predictions\[2\]\.confidenceScore 71\.255 is finer than NUMERIC\(5,2\)/);
    assert.match(message, /refused, not rounded/);
    assert.deepEqual(await s.api.stagingTables(batchId), [], 'nothing was staged');
  });

  it('lands 25.5 and 25.6 as two distinct lines once sent exactly', async () => {
    const rows = somePredictions('ann', 2, { gameDate: date, systems: ['catboost_v9'] });
    const predictions = [
      { ...rows[0], currentPointsLine: 25.5 },
      { ...rows[1], currentPointsLine: 25.6 },
    ];
    assert.equal(await s.api.stage(batchId, 'ann', predictions), 2);
    const run = await s.api.consolidate(batchId);
    assert.deepEqual(
      [run.status, run.rowsInserted, run.duplicatesDropped],
      ['SUCCEEDED', 2, 0],
      String(run.error),
    );
    const lines = await s.api.query(
      `SELECT current_points_line AS line FROM player_prop_predictions
       WHERE game_date = DATE '${date}' AND player_lookup = 'ann' ORDER BY line`,
    );
    assert.deepEqual(lines, [{ line: 25.5 }, { line: 25.6 }]);
  });

  it("fails the run on a worker's own table with a FLOAT line of 25.55, naming the column and the scale, and changes nothing", async () => {
    const { api } = s;
    const table = await api.writeStagingDirectly(
      batchId,
      'bob',
      date,
      somePredictions('bob', 2, { gameDate: date, systems: ['catboost_v9'] }),
    );
    // The worker's table holds its lines as DOUBLE: one of them is finer than the target's scale.
    await api.execute(`ALTER TABLE "${table}" ALTER COLUMN current_points_line TYPE DOUBLE`);
    await api.execute(
      `UPDATE "${table}" SET current_points_line = 25.55 WHERE prediction_id = 'bob-catboost_v9-1'`,
    );
    const before = await api.activeRows(date);
    const run = await api.consolidate(batchId);
    assert.equal(run.status, 'FAILED');
    assert.match(
      run.error ?? '',
      /current_points_line \(NUMERIC\(4,1\), scale 1\): 1 row\(s\), e.g. prediction bob-catboost_v9-1/,
    );
    assert.match(run.error ?? '', /nothing was merged or rounded/);
    assert.equal(await api.activeRows(date), before, 'the target is unchanged');
    assert.deepEqual(await api.stagingTables(batchId), [table], 'the staging is kept');

    // Once the worker writes the line exactly, the same table lands.
    await api.execute(
      `UPDATE "${table}" SET current_points_line = 25.5 WHERE prediction_id = 'bob-catboost_v9-1'`,
    );
    const fixed = await api.consolidate(batchId);
    assert.deepEqual([fixed.status, fixed.rowsInserted], ['SUCCEEDED', 2], String(fixed.error));
  });
});

/** A worker on a newer version writes a column the target does not have yet. */
async function stageWithExtraColumn(api: ConsolidationApi, date: string): Promise<string> {
  const batchId = await api.start(date, ['kai', 'lea']);
  await api.stage(batchId, 'lea', somePredictions('lea', 7, { gameDate: date }));
  // kai's worker writes its staging table itself, with a column of its own.
  const kai = await api.writeStagingDirectly(
    batchId,
    'kai',
    date,
    somePredictions('kai', 7, { gameDate: date }),
  );
  await api.execute(`ALTER TABLE "${kai}" ADD COLUMN model_notes VARCHAR DEFAULT 'v2 notes'`);
  return batchId;
}

describe('a day half staged by a deployment that staged a table per player', () => {
  const s = consolidationScenario();

  it('is consolidated once by this version, from both kinds of staging, and nothing is left behind', async () => {
    const date = '2026-01-26';
    const players = ['ava', 'ben', 'cy', 'dee'];
    const batchId = await s.api.start(date, players);
    // The old deployment staged ava and ben as tables of their own, then was replaced.
    for (const p of ['ava', 'ben'])
      await s.api.writeStagingDirectly(batchId, p, date, somePredictions(p, 7, { gameDate: date }));
    for (const p of ['cy', 'dee'])
      await s.api.stage(batchId, p, somePredictions(p, 7, { gameDate: date }));
    // ben is restaged by this version: his newest staging is a write, his table the older one.
    await s.api.stage(batchId, 'ben', somePredictions('ben', 7, { gameDate: date, line: 30.5 }));
    for (const p of players) await s.api.complete(batchId, p, 7);
    const batch = await s.api.waitForRuns(batchId, 1);
    assert.deepEqual(
      batch.consolidations.map((r) => [r.status, r.stagingTables, r.missingPlayers]),
      [['SUCCEEDED', 5, []]],
      JSON.stringify(batch.consolidations),
    );
    assert.equal(await s.api.duplicateKeys(date), 0);
    assert.deepEqual(await s.api.stagingTables(batchId), [], 'no table and no write left');
    for (const p of ['ava', 'cy', 'dee']) {
      assert.equal(
        await s.api.count(
          `SELECT count(*) FROM player_prop_predictions WHERE game_date = DATE '${date}' AND player_lookup = '${p}' AND is_active`,
        ),
        7,
        p,
      );
    }
  });
});

describe('schema drift: SCHEMA_DRIFT_POLICY=fail (default)', () => {
  const s = consolidationScenario();

  it('fails the run naming the column, keeps staging, writes nothing', async () => {
    const date = '2026-01-27';
    const batchId = await stageWithExtraColumn(s.api, date);
    const run = await s.api.consolidate(batchId);
    assert.equal(run.status, 'FAILED');
    assert.match(run.error ?? '', /model_notes/);
    assert.equal((await s.api.stagingTables(batchId)).length, 2);
    assert.equal(await s.api.activeRows(date), 0);
    assert.ok(!(await s.api.columnsOf('player_prop_predictions')).includes('model_notes'));
    assert.equal(
      await s.api.count(`SELECT count(*) FROM consolidation_leases WHERE owner IS NOT NULL`),
      0,
      'lock released after the failure',
    );
  });
});

describe('schema drift: SCHEMA_DRIFT_POLICY=append_new_columns', () => {
  const s = consolidationScenario({ env: { SCHEMA_DRIFT_POLICY: 'append_new_columns' } });

  it('adds the column to the target and lands its values', async () => {
    const date = '2026-01-27';
    const batchId = await stageWithExtraColumn(s.api, date);
    const run = await s.api.consolidate(batchId);
    assert.deepEqual([run.status, run.rowsInserted], ['SUCCEEDED', 14], String(run.error));
    assert.ok((await s.api.columnsOf('player_prop_predictions')).includes('model_notes'));
    const notes = await s.api.query(`SELECT player_lookup, model_notes, count(*) AS n
      FROM player_prop_predictions WHERE game_date = DATE '${date}' GROUP BY ALL ORDER BY ALL`);
    assert.deepEqual(notes, [
      { player_lookup: 'kai', model_notes: 'v2 notes', n: 7 },
      { player_lookup: 'lea', model_notes: null, n: 7 },
    ]);
  });
});

describe('schema drift: SCHEMA_DRIFT_POLICY=ignore', () => {
  const s = consolidationScenario({ env: { SCHEMA_DRIFT_POLICY: 'ignore' } });

  it('lands every row without the extra column', async () => {
    const date = '2026-01-27';
    const batchId = await stageWithExtraColumn(s.api, date);
    const run = await s.api.consolidate(batchId);
    assert.deepEqual([run.status, run.rowsInserted], ['SUCCEEDED', 14], String(run.error));
    assert.ok(!(await s.api.columnsOf('player_prop_predictions')).includes('model_notes'));
    assert.deepEqual(await s.api.stagingTables(batchId), []);
  });
});
