import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { somePlayers, GAME_DATE } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

const START = `mutation($input: StartBatchInput!) { startBatch(input: $input) { created batch { id status expectedPlayers completedPlayers } } }`;

describe('smoke: a batch over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('starts a batch and reads it back', async () => {
    const data = await t.ok<{
      startBatch: { created: boolean; batch: { id: string; expectedPlayers: number } };
    }>(START, { input: { gameDate: GAME_DATE, players: somePlayers(3) } });
    assert.equal(data.startBatch.created, true);
    assert.equal(data.startBatch.batch.expectedPlayers, 3);
  });
});
