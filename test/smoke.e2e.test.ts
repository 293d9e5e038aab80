import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { somePredictions } from './support/builders';
import { consolidationApi } from './support/consolidation-api';
import { startTestApp, type TestApp } from './support/test-app';

const DAY = '2026-05-01';
const PLAYERS = ['ann', 'bob', 'cat'];

/**
 * The fast subset's end-to-end check (`npm run test:fast`): one day through the real
 * application over HTTP, start to consolidated rows, and the endpoints operators probe.
 * `npm run check` runs everything else.
 */
describe('smoke: a day from startBatch to consolidated predictions', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('the last completion consolidates the day; the rows are there once each', async () => {
    const api = consolidationApi(t);
    const batchId = await api.start(DAY, PLAYERS);
    for (const player of PLAYERS) {
      await api.stage(batchId, player, somePredictions(player, 4, { gameDate: DAY }));
      await api.complete(batchId, player, 4);
    }
    const batch = await api.waitForStatus(batchId, 'CONSOLIDATED');
    assert.equal(batch.consolidations[0]?.rowsInserted, 12);
    const { predictionSummary } = await t.ok<{
      predictionSummary: { predictions: number; players: number; duplicateKeys: number };
    }>(`{ predictionSummary(gameDate: "${DAY}") { predictions players duplicateKeys } }`);
    assert.deepEqual(predictionSummary, { predictions: 12, players: 3, duplicateKeys: 0 });
  });

  it('answers the probes and exposes the run in /metrics', async () => {
    assert.equal((await fetch(`${t.base}/healthz`)).status, 200);
    assert.deepEqual(await (await fetch(`${t.base}/readyz`)).json(), {
      status: 'ready',
      engine: 'duckdb',
    });
    const metrics = await (await fetch(`${t.base}/metrics`)).text();
    assert.match(
      metrics,
      /coordinator_consolidation_runs_total\{status="SUCCEEDED",trigger="BATCH_COMPLETE"\} 1/,
    );
  });
});
