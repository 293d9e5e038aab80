import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { batchApi } from './support/batch-api';
import { startTestApp } from './support/test-app';

describe('restart mid-batch (incident 2: state lost with the container)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-restart-'));
  const dbPath = join(dir, 'coordinator.duckdb');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every batch and completion on the same file after a restart, and completion goes on', async () => {
    const date = '2026-01-30';
    const players = ['ann', 'bob', 'cat'];

    const original = await startTestApp({ dbPath });
    const api1 = batchApi(original);
    const first = await api1.startBatch({ gameDate: date, players, correlationId: 'sched-9' });
    const forced = await api1.startBatch({ gameDate: date, players, force: true });
    await api1.recordCompletion({
      batchId: forced.batch.id,
      playerLookup: 'ann',
      predictionsCount: 9,
    });
    const seen = await api1.batches({ gameDate: date });
    await original.close();

    const restarted = await startTestApp({ dbPath });
    try {
      const api2 = batchApi(restarted);
      const restored = await api2.batches({ gameDate: date });
      assert.deepEqual(
        restored.map((b) => [b.id, b.status, b.supersededBy, b.completedPlayers]),
        [
          [forced.batch.id, 'OPEN', null, 1],
          [first.batch.id, 'SUPERSEDED', forced.batch.id, 0],
        ],
      );
      assert.deepEqual(restored, seen, 'every field reads as it did before the restart');

      const resumed = await api2.startBatch({ gameDate: date, players });
      assert.equal(resumed.created, false, 'the open batch is resumed, not duplicated');
      assert.equal(resumed.batch.id, forced.batch.id);

      const again = await api2.recordCompletion({
        batchId: forced.batch.id,
        playerLookup: 'ann',
        predictionsCount: 9,
      });
      assert.equal(again.batch.completedPlayers, 1, 'a redelivery after the restart counts once');
      await api2.recordCompletion({
        batchId: first.batch.id,
        playerLookup: 'bob',
        predictionsCount: 4,
      });
      const last = await api2.recordCompletion({
        batchId: forced.batch.id,
        playerLookup: 'cat',
        predictionsCount: 0,
      });
      assert.equal(last.batchComplete, true);
      assert.equal(last.batch.completedPlayers, 3);
      assert.equal(last.batch.predictionsReported, 13);
    } finally {
      await restarted.close();
    }
  });
});
