import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { GAME_DATE, somePlayers, somePredictions } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

const START = `mutation($input: StartBatchInput!) { startBatch(input: $input) { batch { id } } }`;
const STAGE = `mutation($input: StagePredictionsInput!) { stagePredictions(input: $input) { batchId rowsStaged } }`;
const COMPLETE = `mutation($input: RecordCompletionInput!) { recordCompletion(input: $input) { batchComplete consolidationTriggered } }`;
const BATCH = `query($id: ID!) { batch(id: $id) { status completedPlayers consolidations { status rowsStaged rowsInserted rowsUpdated duplicatesDropped stagingTables error } } }`;

async function waitForStatus(t: TestApp, id: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const data = await t.ok<{ batch: { status: string } }>(BATCH, { id });
    if (data.batch.status === status) return data.batch;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`batch ${id} never reached ${status}`);
}

describe('the seed day consolidates every staged prediction once', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('141 players, 966 predictions, 63 staged columns into the 72-column target', async () => {
    const players = somePlayers(141);
    const start = await t.ok<{ startBatch: { batch: { id: string } } }>(START, { input: { gameDate: GAME_DATE, players } });
    const batchId = start.startBatch.batch.id;
    for (const [i, player] of players.entries()) {
      const rows = somePredictions(player, i < 120 ? 7 : 6);
      await t.ok(STAGE, { input: { batchId, playerLookup: player, predictions: rows } });
    }
    let triggered = 0;
    for (const [i, player] of players.entries()) {
      const data = await t.ok<{ recordCompletion: { consolidationTriggered: boolean } }>(COMPLETE, {
        input: { batchId, playerLookup: player, predictionsCount: i < 120 ? 7 : 6 },
      });
      if (data.recordCompletion.consolidationTriggered) triggered++;
    }
    assert.equal(triggered, 1);
    const batch = await waitForStatus(t, batchId, 'CONSOLIDATED');
    console.log(JSON.stringify(batch));
    const warehouse = t.app.get(WarehouseClient);
    const rows = await warehouse.query({ sql: `SELECT count(*) AS n, count(DISTINCT player_lookup) AS p, count(feature_count) AS f, count(updated_at) AS u FROM player_prop_predictions WHERE game_date = DATE '2026-01-30' AND is_active`, params: {} });
    assert.deepEqual(rows[0], { n: 966, p: 141, f: 0, u: 966 });
  });
});
