import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { batchApi, START_BATCH, type StartResult } from './support/batch-api';
import { somePlayers } from './support/builders';
import { FrozenClock, startTestApp, type TestApp } from './support/test-app';

describe('batches over GraphQL', () => {
  let t: TestApp;
  let api: ReturnType<typeof batchApi>;
  const clock = new FrozenClock();

  before(async () => {
    t = await startTestApp({ clock });
    api = batchApi(t);
  });
  after(async () => t.close());

  it('makes one batch from 20 concurrent identical startBatch calls, and says so once', async () => {
    const input = { gameDate: '2026-01-01', players: somePlayers(5), correlationId: 'sched-1' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.gql<{ startBatch: StartResult }>(START_BATCH, { input })),
    );
    for (const response of responses) assert.equal(response.errors, undefined);
    const results = responses.map((r) => r.data?.startBatch);
    assert.equal(results.filter((r) => r?.created === true).length, 1);
    assert.equal(new Set(results.map((r) => r?.batch.id)).size, 1);
    const batches = await api.batches({ gameDate: '2026-01-01' });
    assert.deepEqual(
      batches.map((b) => [b.id, b.status, b.expectedPlayers, b.correlationId]),
      [['b20260101_1', 'OPEN', 5, 'sched-1']],
    );
  });

  it('force starts a new batch, supersedes the open one and keeps its completions', async () => {
    const date = '2026-01-02';
    const first = await api.startBatch({ gameDate: date, players: ['ann', 'bob', 'cat'] });
    await api.recordCompletion({
      batchId: first.batch.id,
      playerLookup: 'ann',
      predictionsCount: 7,
    });
    await api.recordCompletion({
      batchId: first.batch.id,
      playerLookup: 'bob',
      predictionsCount: 0,
    });

    const forced = await api.startBatch({
      gameDate: date,
      players: ['ann', 'bob', 'cat', 'dan'],
      force: true,
    });
    assert.equal(forced.created, true);
    assert.notEqual(forced.batch.id, first.batch.id);
    assert.equal(forced.batch.status, 'OPEN');
    assert.deepEqual(forced.batch.mergedFrom, [first.batch.id]);
    assert.deepEqual(
      forced.batch.completions.map((c) => [c.playerLookup, c.predictionsCount]),
      [
        ['ann', 7],
        ['bob', 0],
      ],
    );
    assert.equal(forced.batch.completedPlayers, 2);
    assert.deepEqual(forced.batch.pendingPlayers, ['cat', 'dan']);

    const old = await api.existingBatch(first.batch.id);
    assert.equal(old.status, 'SUPERSEDED');
    assert.equal(old.supersededBy, forced.batch.id);

    const again = await api.startBatch({ gameDate: date, players: ['ann'] });
    assert.equal(again.created, false, 'an unforced start returns the new open batch');
    assert.equal(again.batch.id, forced.batch.id);
    const listed = await api.batches({ gameDate: date });
    assert.deepEqual(
      listed.map((b) => [b.id, b.status]),
      [
        [forced.batch.id, 'OPEN'],
        [first.batch.id, 'SUPERSEDED'],
      ],
    );
  });

  it('counts a completion delivered 10 times once', async () => {
    const { batch } = await api.startBatch({ gameDate: '2026-01-03', players: ['ann', 'bob'] });
    const input = { batchId: batch.id, playerLookup: 'ann', predictionsCount: 6 };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => api.recordCompletion(input)),
    );
    assert.ok(results.every((r) => r.batchComplete === false));
    const read = await api.existingBatch(batch.id);
    assert.equal(read.completedPlayers, 1);
    assert.equal(read.predictionsReported, 6);
    assert.deepEqual(
      read.completions.map((c) => c.playerLookup),
      ['ann'],
    );
    assert.deepEqual(read.pendingPlayers, ['bob']);
  });

  it('keeps the latest count when a player reports again', async () => {
    const { batch } = await api.startBatch({ gameDate: '2026-01-04', players: ['ann', 'bob'] });
    await api.recordCompletion({ batchId: batch.id, playerLookup: 'ann', predictionsCount: 12 });
    clock.advanceMinutes(1);
    const result = await api.recordCompletion({
      batchId: batch.id,
      playerLookup: 'ann',
      predictionsCount: 8,
    });
    assert.equal(result.batch.completedPlayers, 1);
    assert.equal(result.batch.predictionsReported, 8);
  });

  it('counts 30 concurrent completions of different players, none lost', async () => {
    const players = somePlayers(30, 'w');
    const { batch } = await api.startBatch({ gameDate: '2026-01-05', players });
    const results = await Promise.all(
      players.map((p) =>
        api.recordCompletion({ batchId: batch.id, playerLookup: p, predictionsCount: 2 }),
      ),
    );
    assert.equal(results.length, 30);
    const read = await api.existingBatch(batch.id);
    assert.equal(read.completedPlayers, 30);
    assert.equal(read.predictionsReported, 60);
    assert.equal(read.completionPct, 100);
  });

  it('routes a completion naming a superseded batch to the canonical batch', async () => {
    const date = '2026-01-06';
    const first = await api.startBatch({ gameDate: date, players: ['ann', 'bob'] });
    const second = await api.startBatch({ gameDate: date, players: ['ann', 'bob'], force: true });
    const result = await api.recordCompletion({
      batchId: first.batch.id,
      playerLookup: 'bob',
      predictionsCount: 3,
    });
    assert.equal(result.batch.id, second.batch.id);
    assert.equal(result.batch.completedPlayers, 1);
    assert.deepEqual(
      result.batch.completions.map((c) => [c.playerLookup, c.predictionsCount]),
      [['bob', 3]],
    );
    const canonical = await api.existingBatch(second.batch.id);
    assert.equal(canonical.completedPlayers, 1);
  });

  it('accepts predictionsCount 0: a skipped player still completes', async () => {
    const { batch } = await api.startBatch({ gameDate: '2026-01-07', players: ['ann', 'bob'] });
    const result = await api.recordCompletion({
      batchId: batch.id,
      playerLookup: 'ann',
      predictionsCount: 0,
    });
    assert.equal(result.batch.completedPlayers, 1);
    assert.deepEqual(result.batch.pendingPlayers, ['bob']);
    assert.equal(result.batch.predictionsReported, 0);
    assert.equal(result.batch.completionPct, 50);
  });

  it('records and reports an unexpected player instead of rejecting it', async () => {
    const { batch } = await api.startBatch({ gameDate: '2026-01-08', players: ['ann', 'bob'] });
    const result = await api.recordCompletion({
      batchId: batch.id,
      playerLookup: 'stranger',
      predictionsCount: 4,
    });
    assert.deepEqual(result.batch.unexpectedPlayers, ['stranger']);
    assert.equal(result.batch.completedPlayers, 0);
    assert.equal(result.batch.expectedPlayers, 2);
    assert.equal(result.batchComplete, false);
    const read = await api.existingBatch(batch.id);
    assert.deepEqual(
      read.completions.map((c) => [c.playerLookup, c.predictionsCount]),
      [['stranger', 4]],
    );
  });

  it('says batchComplete only when the last expected player completes', async () => {
    const { batch } = await api.startBatch({
      gameDate: '2026-01-09',
      players: ['ann', 'bob', 'cat'],
    });
    const complete = async (player: string) =>
      api.recordCompletion({ batchId: batch.id, playerLookup: player, predictionsCount: 1 });
    const first = await complete('ann');
    assert.deepEqual([first.batchComplete, first.batch.completionPct], [false, 33.33]);
    assert.equal((await complete('stranger')).batchComplete, false, 'a stranger completes nothing');
    const second = await complete('bob');
    assert.deepEqual([second.batchComplete, second.batch.completionPct], [false, 66.67]);
    const last = await complete('cat');
    assert.equal(last.batchComplete, true);
    assert.equal(last.batch.completionPct, 100);
    assert.deepEqual(last.batch.pendingPlayers, []);
    const again = await complete('ann');
    assert.equal(again.batchComplete, true, 'a late repeat still reads complete');
  });

  it('reports a batch stalled once no activity happened for the threshold', async () => {
    const { batch } = await api.startBatch({ gameDate: '2026-01-10', players: ['ann', 'bob'] });
    await api.recordCompletion({ batchId: batch.id, playerLookup: 'ann', predictionsCount: 1 });
    const stalled = async (minutes: number) => {
      const query = `query($id: ID!, $m: Int!) { batch(id: $id) { isStalled(thresholdMinutes: $m) } }`;
      const data = await t.ok<{ batch: { isStalled: boolean } }>(query, {
        id: batch.id,
        m: minutes,
      });
      return data.batch.isStalled;
    };
    clock.advanceMinutes(9);
    assert.equal(await stalled(10), false);
    clock.advanceMinutes(1);
    assert.equal(await stalled(10), true);
    assert.equal(await stalled(30), false);
    assert.equal((await api.existingBatch(batch.id)).isStalled, true, 'the default is 10 minutes');
    await api.recordCompletion({ batchId: batch.id, playerLookup: 'bob', predictionsCount: 1 });
    assert.equal(await stalled(10), false, 'a completion is activity');
  });

  it("a late start without force returns the date's consolidated batch; only force starts another", async () => {
    const date = '2026-01-13';
    const first = await api.startBatch({ gameDate: date, players: ['ann', 'bob'] });
    await api.recordCompletion({
      batchId: first.batch.id,
      playerLookup: 'ann',
      predictionsCount: 0,
    });
    const last = await api.recordCompletion({
      batchId: first.batch.id,
      playerLookup: 'bob',
      predictionsCount: 0,
    });
    assert.equal(last.consolidationTriggered, true);
    let status = '';
    for (let i = 0; i < 200 && status !== 'CONSOLIDATED'; i++) {
      status = (await api.existingBatch(first.batch.id)).status;
      if (status !== 'CONSOLIDATED') await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(status, 'CONSOLIDATED');

    // The scheduler retries its start after the day was consolidated.
    const retry = await api.startBatch({ gameDate: date, players: ['ann', 'bob', 'cat'] });
    assert.deepEqual(
      [retry.created, retry.batch.id, retry.batch.status, retry.batch.pendingPlayers],
      [false, first.batch.id, 'CONSOLIDATED', []],
    );
    const merged = await t.ok<{
      mergeFragmentedBatches: { id: string; status: string; pendingPlayers: string[] };
    }>(
      `mutation($d: Date!) { mergeFragmentedBatches(gameDate: $d) { id status pendingPlayers } }`,
      { d: date },
    );
    assert.deepEqual(merged.mergeFragmentedBatches, {
      id: first.batch.id,
      status: 'CONSOLIDATED',
      pendingPlayers: [],
    });

    const forced = await api.startBatch({ gameDate: date, players: ['ann', 'bob'], force: true });
    assert.equal(forced.created, true, 'force starts another');
    assert.notEqual(forced.batch.id, first.batch.id);
    assert.deepEqual(
      (await api.batches({ gameDate: date })).map((b) => [b.id, b.status]),
      [
        [forced.batch.id, 'OPEN'],
        [first.batch.id, 'CONSOLIDATED'],
      ],
    );
  });

  it('cancelBatch unblocks the date: the next startBatch creates a new batch', async () => {
    const date = '2026-01-11';
    const stuck = await api.startBatch({ gameDate: date, players: ['ann'] });
    const cancelled = await api.cancelBatch(stuck.batch.id);
    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal((await api.cancelBatch(stuck.batch.id)).status, 'CANCELLED', 'idempotent');

    const fresh = await api.startBatch({ gameDate: date, players: ['ann'] });
    assert.equal(fresh.created, true);
    assert.notEqual(fresh.batch.id, stuck.batch.id);
    assert.equal(fresh.batch.status, 'OPEN');
    assert.equal((await api.existingBatch(stuck.batch.id)).status, 'CANCELLED');
    const open = await api.batches({ gameDate: date, status: 'OPEN' });
    assert.deepEqual(
      open.map((b) => b.id),
      [fresh.batch.id],
    );
  });

  it('accepts 10,000 players with real-length keys (the cap, not the transport, decides)', async () => {
    const players = Array.from({ length: 10_000 }, (_, i) => `giannisantetokoun${i}`.slice(-20));
    const { created, batch } = await api.startBatch({ gameDate: '2026-01-12', players });
    assert.equal(created, true);
    assert.equal(batch.expectedPlayers, 10_000);
  });

  it('runs the seed day: 141 players, three starts, duplicated completions, 141/141', async () => {
    const date = '2026-01-30';
    const players = somePlayers(141, 'seed');
    const starts = await Promise.all(
      [1, 2, 3].map(() => api.startBatch({ gameDate: date, players })),
    );
    assert.equal(starts.filter((s) => s.created).length, 1);
    assert.equal(new Set(starts.map((s) => s.batch.id)).size, 1);
    const batchId = starts[0]?.batch.id ?? '';

    // Every player once; after every fifth, a redelivery of an earlier one; the last is new.
    const deliveries: string[] = [];
    players.forEach((player, i) => {
      deliveries.push(player);
      if (i % 5 === 4) deliveries.push(players[i - 3] ?? player);
    });
    assert.equal(deliveries.at(-1), players.at(-1));
    const count = (player: string) => Number(player.slice(-3)) % 13;

    const flags: boolean[] = [];
    for (const player of deliveries) {
      const input = { batchId, playerLookup: player, predictionsCount: count(player) };
      flags.push((await api.recordCompletion(input)).batchComplete);
    }
    assert.ok(deliveries.length > 160, 'duplicates were among the deliveries');
    assert.deepEqual(flags, [...Array<boolean>(deliveries.length - 1).fill(false), true]);

    const batch = await api.existingBatch(batchId);
    assert.equal(batch.expectedPlayers, 141);
    assert.equal(batch.completedPlayers, 141);
    assert.equal(batch.completionPct, 100);
    assert.deepEqual(batch.pendingPlayers, []);
    assert.equal(
      batch.predictionsReported,
      players.reduce((sum, p) => sum + count(p), 0),
    );
    assert.equal((await api.batches({ gameDate: date })).length, 1);
  });
});
