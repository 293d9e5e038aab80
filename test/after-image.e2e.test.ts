/**
 * A consolidation's after-image (DuckDB keeps snapshots; BigQuery has time travel) is
 * written once the run has answered, under its lease. If it is never written (the process
 * stopped in between), a restore to an instant it stands for is refused, never answered
 * with the state before that MERGE (which would silently undo the run).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePredictions } from './support/builders';
import { consolidationScenario } from './support/consolidation-api';
import { codes } from './support/test-app';
import { beforeNextTransaction } from './support/transaction-hook';

const RESTORE = `mutation($d: Date!, $asOf: DateTime!) {
  restorePredictions(gameDate: $d, asOf: $asOf, dryRun: true) { rowsNow rowsAsOf rowsToInsert rowsToDelete }
}`;
const RUNS = `{ maintenanceRuns(kind: RESTORE) { status error } }`;

describe('the after-image of a consolidation (engines without time travel)', () => {
  const s = consolidationScenario();
  const date = '2026-03-03';

  it('is written after the run answers; one never written makes a restore after the run refuse, not undo it', async () => {
    const { api, t, clock } = s;
    const batchId = await api.start(date, ['ann']);
    await api.stage(batchId, 'ann', somePredictions('ann', 3, { gameDate: date }));
    const beforeRun = clock.now().toISOString();
    clock.advanceMinutes(1);
    // The process "stops" between the MERGE's commit and the after-image.
    const undo = beforeNextTransaction(t.app.get(WarehouseClient), 'snapshot', () =>
      Promise.reject(new Error('the process stopped')),
    );
    try {
      const run = await api.consolidate(batchId);
      assert.deepEqual([run.status, run.rowsInserted], ['SUCCEEDED', 3]);
      await api.settled(date);
    } finally {
      undo();
    }
    assert.equal(
      await api.count(
        `SELECT count(*) FROM consolidation_leases WHERE game_date = DATE '${date}' AND owner IS NOT NULL`,
      ),
      0,
      'the lease is released all the same',
    );
    clock.advanceMinutes(5);

    const refused = await t.gql(RESTORE, { d: date, asOf: clock.now().toISOString() });
    assert.deepEqual(codes(refused), ['NOT_FOUND']);
    assert.match(refused.errors?.[0]?.message ?? '', /were not kept.*after-image/);

    // Before the run, the state is known exactly: the date was empty.
    clock.advanceMinutes(1);
    const beforeIt = await t.ok<{ restorePredictions: Record<string, number> }>(RESTORE, {
      d: date,
      asOf: new Date(Date.parse(beforeRun) + 60_000).toISOString(),
    });
    assert.deepEqual(beforeIt.restorePredictions, {
      rowsNow: 3,
      rowsAsOf: 0,
      rowsToInsert: 0,
      rowsToDelete: 3,
    });

    // The date's next consolidation writes its own after-image: restores after it are exact.
    clock.advanceMinutes(1);
    await api.stage(batchId, 'ann', somePredictions('ann', 4, { gameDate: date }));
    assert.equal((await api.consolidate(batchId)).status, 'SUCCEEDED');
    await api.settled(date);
    clock.advanceMinutes(1);
    const after = await t.ok<{ restorePredictions: Record<string, number> }>(RESTORE, {
      d: date,
      asOf: clock.now().toISOString(),
    });
    assert.deepEqual(after.restorePredictions, {
      rowsNow: 4,
      rowsAsOf: 4,
      rowsToInsert: 0,
      rowsToDelete: 0,
    });
    const runs = await t.ok<{ maintenanceRuns: { status: string; error: string | null }[] }>(RUNS);
    assert.equal(runs.maintenanceRuns.filter((r) => r.status === 'FAILED').length, 1);
  });
});
