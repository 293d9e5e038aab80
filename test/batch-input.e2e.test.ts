import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertRefused,
  batchApi,
  CANCEL_BATCH,
  RECORD_COMPLETION,
  START_BATCH,
  type BatchView,
} from './support/batch-api';
import { somePlayers } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

describe('bad input is refused with a reason, and nothing is written', () => {
  let t: TestApp;
  let api: ReturnType<typeof batchApi>;

  before(async () => {
    t = await startTestApp();
    api = batchApi(t);
  });
  after(async () => t.close());

  describe('startBatch', () => {
    const start = (input: Record<string, unknown>) =>
      t.gql(START_BATCH, { input: { gameDate: '2026-01-30', players: ['ann'], ...input } });

    /** Nothing was written for any date: every refusal above left the log empty. */
    const assertNoBatches = async () => assert.deepEqual(await api.batches(), []);

    it('refuses an impossible date, 2026-02-30', async () => {
      assertRefused(await start({ gameDate: '2026-02-30' }), 'BAD_USER_INPUT', /2026-02-30/);
      assertRefused(await start({ gameDate: '2026-02-30' }), 'BAD_USER_INPUT', /calendar date/);
      await assertNoBatches();
    });

    it('refuses an impossible date written inline in the query', async () => {
      const response = await t.gql(
        `mutation { startBatch(input: { gameDate: "2026-02-30", players: ["ann"] }) { created } }`,
      );
      assertRefused(response, 'BAD_USER_INPUT', /existing calendar date YYYY-MM-DD.*2026-02-30/);
      await assertNoBatches();
    });

    it('refuses a malformed date, 26-01-30', async () => {
      assertRefused(
        await start({ gameDate: '26-01-30' }),
        'BAD_USER_INPUT',
        /YYYY-MM-DD.*26-01-30/,
      );
      await assertNoBatches();
    });

    it('refuses an empty player list', async () => {
      assertRefused(await start({ players: [] }), 'BAD_USER_INPUT', /at least one player/);
      await assertNoBatches();
    });

    it('refuses 10,001 players: 10,000 is the cap', async () => {
      const response = await start({ players: somePlayers(10_001) });
      assertRefused(response, 'BAD_USER_INPUT', /10001 players; at most 10000/);
      await assertNoBatches();
    });

    for (const [why, key] of [
      ['uppercase', 'StephenCurry'],
      ['a quote', "o'neal"],
      ['double quotes', '"lebron"'],
      ['a space', 'lebron james'],
      ['65 characters', 'a'.repeat(65)],
      ['nothing at all', ''],
    ] as const) {
      it(`refuses a player key with ${why}, naming it and the allowed form`, async () => {
        const response = await start({ players: ['ann', key] });
        assertRefused(response, 'BAD_USER_INPUT', /1-64 characters of a-z, 0-9, _ or -/);
        const error = response.errors?.[0];
        assert.ok(error?.message.includes(JSON.stringify(key).slice(0, 40)), error?.message);
        assert.deepEqual(
          (error?.extensions?.fields as { field: string }[]).map((f) => f.field),
          ['players[1]'],
        );
        await assertNoBatches();
      });
    }

    it('accepts a 64-character key, hyphens and underscores', async () => {
      const { created } = await api.startBatch({
        gameDate: '2026-03-01',
        players: ['a'.repeat(64), 'jaren-jackson_jr2'],
      });
      assert.equal(created, true);
    });
  });

  describe('recordCompletion and cancelBatch', () => {
    let batch: BatchView;
    const complete = (input: Record<string, unknown>) =>
      t.gql(RECORD_COMPLETION, {
        input: { batchId: batch.id, playerLookup: 'ann', predictionsCount: 1, ...input },
      });

    /** The open batch is exactly as it was started: no completion slipped in. */
    const assertUntouched = async () => {
      const read = await api.existingBatch(batch.id);
      assert.deepEqual(read.completions, []);
      assert.equal(read.lastActivityAt, batch.lastActivityAt);
      assert.equal(read.status, 'OPEN');
    };

    before(async () => {
      ({ batch } = await api.startBatch({ gameDate: '2026-01-30', players: ['ann', 'bob'] }));
    });

    it('refuses a negative predictionsCount', async () => {
      const response = await complete({ predictionsCount: -1 });
      assertRefused(response, 'BAD_USER_INPUT', /predictionsCount must be a whole number from 0/);
      await assertUntouched();
    });

    it('refuses a malformed batch id', async () => {
      const response = await complete({ batchId: 'batch-2026-01-30' });
      assertRefused(response, 'BAD_USER_INPUT', /"batch-2026-01-30" is not a batch id/);
      await assertUntouched();
    });

    it('refuses a well-formed batch id that never existed: NOT_FOUND, nothing created', async () => {
      const response = await complete({ batchId: 'b20260130_9' });
      assertRefused(response, 'NOT_FOUND', /batch b20260130_9 does not exist/);
      assert.equal(await api.batch('b20260130_9'), null);
      assert.deepEqual(
        (await api.batches({ gameDate: '2026-01-30' })).map((b) => b.id),
        [batch.id],
      );
      await assertUntouched();
    });

    it('refuses a player key outside [a-z0-9_-]', async () => {
      const response = await complete({ playerLookup: 'Bob Smith' });
      assertRefused(response, 'BAD_USER_INPUT', /"Bob Smith" must be 1-64 characters/);
      await assertUntouched();
    });

    it('refuses to cancel a malformed or unknown batch id', async () => {
      assertRefused(await t.gql(CANCEL_BATCH, { id: 'nope' }), 'BAD_USER_INPUT', /not a batch id/);
      const unknown = await t.gql(CANCEL_BATCH, { id: 'b20260130_9' });
      assertRefused(unknown, 'NOT_FOUND', /b20260130_9 does not exist/);
      await assertUntouched();
    });

    it('refuses a malformed id or page size when reading', async () => {
      assertRefused(
        await t.gql(`{ batch(id: "x'; DROP TABLE batch_events; --") { id } }`),
        'BAD_USER_INPUT',
        /is not a batch id/,
      );
      assertRefused(await t.gql(`{ batches(first: -1) { id } }`), 'BAD_USER_INPUT', /first/);
      await assertUntouched();
    });
  });
});
