import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BatchEventType, eventIds } from '../src/batch/batch-events';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { LockRepository } from '../src/consolidation/lock.repository';
import type { JobKey, Statement } from '../src/warehouse/sql/statement';
import { WarehouseClient, type TransactionStep } from '../src/warehouse/warehouse-client';
import { somePlayers, somePredictions } from './support/builders';
import {
  CHECK_STALLED,
  consolidationApi,
  MERGE_FRAGMENTS,
  type ConsolidationApi,
  type RunView,
} from './support/consolidation-api';
import { FrozenClock, startTestApp, type TestApp } from './support/test-app';

interface StalledPayload {
  checkStalledBatches: {
    batchesChecked: number;
    batchesConsolidated: number;
    results: {
      action: string;
      batch: { id: string; status: string; completionPct: number };
      consolidation: RunView | null;
    }[];
  };
}

/** Each scenario gets its own app: the cron and the stall check look at every batch. */
function scenario(env: Record<string, string> = {}) {
  const state = {} as { t: TestApp; api: ConsolidationApi; clock: FrozenClock };
  before(async () => {
    state.clock = new FrozenClock();
    state.t = await startTestApp({ clock: state.clock, env });
    state.api = consolidationApi(state.t);
  });
  after(async () => state.t.close());
  return state;
}

/** Makes the warehouse fail statements (and transactions) of one operation while `fail` says so. */
function injectFailure(
  t: TestApp,
  operation: string,
  fail: (job: JobKey | undefined) => boolean,
): () => void {
  const client = t.app.get(WarehouseClient);
  const execute = client.execute.bind(client);
  const transaction = client.transaction.bind(client);
  client.execute = async (statement: Statement) => {
    if (statement.job?.operation === operation && fail(statement.job)) {
      throw new Error(`injected failure in ${operation}`);
    }
    return execute(statement);
  };
  client.transaction = async (steps: readonly TransactionStep[], job: JobKey) => {
    if (job.operation === operation && fail(job))
      throw new Error(`injected failure in ${operation}`);
    return transaction(steps, job);
  };
  return () => {
    client.execute = execute;
    client.transaction = transaction;
  };
}

describe('a failed MERGE is retried by the cron', () => {
  const s = scenario({ MAX_CONSOLIDATION_ATTEMPTS: '3' });

  it('records FAILED, keeps staging, releases the lock; the next tick past the backoff succeeds', async () => {
    const { api, clock, t } = s;
    const date = '2026-01-20';
    const players = ['ava', 'ben', 'cy'];
    const batchId = await api.start(date, players);
    for (const p of players) await api.stage(batchId, p, somePredictions(p, 7, { gameDate: date }));
    let failures = 1;
    const restore = injectFailure(t, 'merge', () => failures-- > 0);
    try {
      const failed = await api.consolidate(batchId);
      assert.equal(failed.status, 'FAILED');
      assert.match(failed.error ?? '', /.+/, 'a failed run says why');
      assert.equal((await api.runs(batchId)).status, 'FAILED');
      assert.equal((await api.stagingTables(batchId)).length, 3, 'staging kept for the retry');
      assert.equal(await api.activeRows(date), 0);
      assert.equal(
        await api.count(
          `SELECT count(*) FROM consolidation_leases WHERE game_date = DATE '${date}' AND owner IS NOT NULL`,
        ),
        0,
        'lock released',
      );

      const cron = t.app.get(ConsolidationCron);
      assert.equal((await cron.tick()).retried, 0, 'the backoff is waited for');
      clock.advanceMinutes(2);
      assert.equal((await cron.tick()).retried, 1);
    } finally {
      restore();
    }
    const batch = await api.runs(batchId);
    assert.equal(batch.status, 'CONSOLIDATED');
    assert.deepEqual(
      batch.consolidations.map((r) => [r.trigger, r.status, r.rowsInserted]),
      [
        ['RETRY', 'SUCCEEDED', 21],
        ['MANUAL', 'FAILED', 0],
      ],
    );
    assert.deepEqual(await api.stagingTables(batchId), []);
    assert.equal(await api.activeRows(date), 21);
  });

  it('stops retrying after MAX_CONSOLIDATION_ATTEMPTS and keeps the staging', async () => {
    const { api, clock, t } = s;
    const date = '2026-01-19';
    const batchId = await api.start(date, ['dee']);
    await api.stage(batchId, 'dee', somePredictions('dee', 7, { gameDate: date }));
    const restore = injectFailure(t, 'merge', (job) => job?.gameDate === date);
    const cron = t.app.get(ConsolidationCron);
    try {
      assert.equal((await api.consolidate(batchId)).status, 'FAILED');
      const retried: number[] = [];
      for (const minutes of [2, 1, 2, 60]) {
        clock.advanceMinutes(minutes);
        retried.push((await cron.tick()).retried);
      }
      // Waits of 1 then 2 minutes; after the third failure no more attempts.
      assert.deepEqual(retried, [1, 0, 1, 0]);
    } finally {
      restore();
    }
    const batch = await api.runs(batchId);
    assert.deepEqual(
      batch.consolidations.map((r) => r.status),
      ['FAILED', 'FAILED', 'FAILED'],
    );
    assert.equal((await api.stagingTables(batchId)).length, 1);
  });

  it('fails a run whose MERGE changed 0 rows for a non-empty stage, and keeps the staging', async () => {
    const { api, t } = s;
    const date = '2026-01-17';
    const batchId = await api.start(date, ['eve']);
    await api.stage(batchId, 'eve', somePredictions('eve', 7, { gameDate: date }));
    const client = t.app.get(WarehouseClient);
    const transaction = client.transaction.bind(client);
    // The MERGE's statement swapped for one that changes nothing, inside the real transaction.
    const changesNothing: Statement = {
      sql: 'UPDATE player_prop_predictions SET is_active = is_active WHERE FALSE',
      params: {},
    };
    client.transaction = (steps: readonly TransactionStep[], job: JobKey) =>
      transaction(
        steps.map((step) =>
          step.statement.job?.operation === 'merge' ? { ...step, statement: changesNothing } : step,
        ),
        job,
      );
    try {
      const run = await api.consolidate(batchId);
      assert.deepEqual(
        [run.status, run.stagingTables, run.rowsStaged, run.rowsInserted],
        ['FAILED', 1, 7, 0],
        'a failed run still says what it found',
      );
      assert.match(run.error ?? '', /changed 0 row\(s\) where 7 were expected; it was rolled back/);
    } finally {
      client.transaction = transaction;
    }
    assert.equal((await api.stagingTables(batchId)).length, 1);
    assert.equal(await api.activeRows(date), 0, 'nothing of the run was committed');
  });
});

describe('stalled batches', () => {
  const s = scenario();

  it('consolidates a stalled batch at 95%, reports one at 50% until it is over age', async () => {
    const { api, clock, t } = s;
    const nearly = somePlayers(20, 'n');
    const nearlyId = await api.start('2026-01-21', nearly);
    await api.stageAndComplete(nearlyId, nearly.slice(0, 19), (p) =>
      somePredictions(p, 7, { gameDate: '2026-01-21' }),
    );
    const half = somePlayers(10, 'h');
    const halfId = await api.start('2026-01-22', half);
    await api.stageAndComplete(halfId, half.slice(0, 5), (p) =>
      somePredictions(p, 7, { gameDate: '2026-01-22' }),
    );
    const check = async () =>
      (await t.ok<StalledPayload>(CHECK_STALLED, { t: 10, pct: 90 })).checkStalledBatches;

    assert.equal((await check()).batchesChecked, 0, 'not stalled before the threshold');
    clock.advanceMinutes(11);
    const first = await check();
    const decisions = new Map(first.results.map((r) => [r.batch.id, r]));
    assert.equal(first.batchesConsolidated, 1);
    assert.equal(decisions.get(nearlyId)?.action, 'CONSOLIDATED');
    assert.deepEqual(
      [
        decisions.get(nearlyId)?.consolidation?.trigger,
        decisions.get(nearlyId)?.consolidation?.rowsInserted,
      ],
      ['STALLED_CHECK', 133],
    );
    assert.equal(decisions.get(nearlyId)?.batch.status, 'CONSOLIDATED');
    assert.deepEqual(
      [
        decisions.get(halfId)?.action,
        decisions.get(halfId)?.batch.status,
        decisions.get(halfId)?.batch.completionPct,
      ],
      ['BELOW_THRESHOLD', 'OPEN', 50],
    );
    assert.equal(await api.activeRows('2026-01-21'), 133);
    assert.equal(await api.activeRows('2026-01-22'), 0);
    assert.equal(
      (await api.stagingTables(halfId)).length,
      5,
      'the reported batch is left as it is',
    );

    clock.advanceMinutes(6 * 60);
    const later = await check();
    assert.deepEqual(
      later.results.map((r) => [r.batch.id, r.action, r.consolidation?.rowsInserted]),
      [[halfId, 'CONSOLIDATED', 35]],
      'over age: consolidated with what it has',
    );
    assert.equal(await api.activeRows('2026-01-22'), 35);
  });
});

describe('orphaned staging tables', () => {
  const s = scenario();

  it('consolidates a table written directly under a consolidated batch after ORPHAN_AGE_MINUTES', async () => {
    const { api, clock, t } = s;
    const date = '2026-01-23';
    const batchId = await api.start(date, ['eli', 'flo', 'gil']);
    await api.stageAndComplete(batchId, ['eli', 'flo', 'gil'], (p) =>
      somePredictions(p, 7, { gameDate: date }),
    );
    await api.waitForRuns(batchId, 1);
    const table = await api.writeStagingDirectly(
      batchId,
      'direct_writer',
      date,
      somePredictions('zed', 7, { gameDate: date }),
    );

    const cron = t.app.get(ConsolidationCron);
    assert.equal((await cron.tick()).swept, 0, 'too recent to be an orphan');
    assert.deepEqual(await api.stagingTables(batchId), [table]);
    clock.advanceMinutes(61);
    assert.equal((await cron.tick()).swept, 1);
    assert.deepEqual(await api.stagingTables(batchId), []);
    assert.equal(await api.activeRows(date), 28);
    const latest = (await api.runs(batchId)).consolidations[0];
    assert.deepEqual(
      [latest?.trigger, latest?.status, latest?.rowsInserted],
      ['ORPHAN_SWEEP', 'SUCCEEDED', 7],
    );
  });

  it('consolidates the staging of a cancelled batch, never deletes it unmerged', async () => {
    const { api, clock, t } = s;
    const date = '2026-01-24';
    const batchId = await api.start(date, ['hui', 'ike', 'jo']);
    for (const p of ['hui', 'ike'])
      await api.stage(batchId, p, somePredictions(p, 7, { gameDate: date }));
    await t.ok(`mutation($id: ID!) { cancelBatch(id: $id) { id } }`, { id: batchId });

    const cron = t.app.get(ConsolidationCron);
    assert.equal((await cron.tick()).swept, 0);
    clock.advanceMinutes(61);
    assert.equal((await cron.tick()).swept, 1);
    assert.deepEqual(await api.stagingTables(batchId), []);
    assert.equal(await api.activeRows(date), 14);
    assert.equal((await api.runs(batchId)).status, 'CANCELLED');
  });
});

describe('fragmented batches of one date', () => {
  const s = scenario();

  it('merges three open fragments into one batch and lands every staged row', async () => {
    const { api, clock } = s;
    const date = '2026-01-25';
    const players = somePlayers(9, 'f');
    // Legacy data: three batches started for the same date, each expecting every player.
    const ids = ['b20260125_1', 'b20260125_2', 'b20260125_3'];
    const batches = api.batches();
    for (const id of ids) {
      await batches.appendEvents([
        batches.event(id, date, BatchEventType.Started, clock.now().toISOString(), {
          eventId: eventIds.started(id),
          payload: { players },
        }),
      ]);
      clock.advanceMinutes(1);
    }
    // Completions scattered: each worker reported to the batch it happened to know.
    for (const [i, player] of players.entries()) {
      const batchId = ids[Math.floor(i / 3)] ?? '';
      await api.stage(batchId, player, somePredictions(player, 7, { gameDate: date }));
      const completion = await api.complete(batchId, player, 7);
      assert.equal(completion.consolidationTriggered, false);
    }

    const merged = await s.t.ok<{
      mergeFragmentedBatches: {
        id: string;
        status: string;
        mergedFrom: string[];
        completedPlayers: number;
      };
    }>(MERGE_FRAGMENTS, { gameDate: date });
    assert.equal(merged.mergeFragmentedBatches.id, 'b20260125_3');
    assert.equal(merged.mergeFragmentedBatches.status, 'CONSOLIDATED');
    assert.deepEqual([...merged.mergeFragmentedBatches.mergedFrom].sort(), [
      'b20260125_1',
      'b20260125_2',
    ]);
    assert.equal(merged.mergeFragmentedBatches.completedPlayers, 9);
    const run = (await api.runs('b20260125_3')).consolidations[0];
    assert.deepEqual([run?.status, run?.stagingTables, run?.rowsInserted], ['SUCCEEDED', 9, 63]);
    assert.equal(await api.activeRows(date), 63);
    assert.equal(await api.duplicateKeys(date), 0);
    for (const id of ids) assert.deepEqual(await api.stagingTables(id), []);
    for (const id of ids.slice(0, 2)) assert.equal((await api.runs(id)).status, 'SUPERSEDED');
  });

  it('after two forced restarts, consolidates the staging of all three generations', async () => {
    const { api } = s;
    const date = '2026-01-26';
    const players = somePlayers(6, 'g');
    const rows = (p: string) => somePredictions(p, 7, { gameDate: date });
    const first = await api.start(date, players);
    for (const p of players.slice(0, 2)) {
      await api.stage(first, p, rows(p));
      await api.complete(first, p, 7);
    }
    const second = await api.start(date, players, true);
    for (const p of players.slice(2, 4)) {
      await api.stage(first, p, rows(p)); // a worker that still knows the first batch
      await api.complete(first, p, 7);
    }
    const third = await api.start(date, players, true);
    const completions = [];
    for (const p of players.slice(4)) {
      await api.stage(third, p, rows(p));
      completions.push(await api.complete(third, p, 7));
    }
    assert.equal(completions.at(-1)?.consolidationTriggered, true);
    const batch = await api.waitForRuns(third, 1);
    const run = batch.consolidations[0];
    assert.deepEqual(
      [batch.status, run?.status, run?.stagingTables, run?.rowsInserted, run?.missingPlayers],
      ['CONSOLIDATED', 'SUCCEEDED', 6, 42, []],
      JSON.stringify(run),
    );
    for (const id of [first, second, third]) assert.deepEqual(await api.stagingTables(id), []);
    assert.equal(await api.activeRows(date), 42);
  });
});

describe('the lease during a long MERGE', () => {
  const s = scenario({ LOCK_LEASE_SECONDS: '5' });

  it('is renewed while the run lasts, so another owner cannot take it, and released after', async () => {
    const { api, clock, t } = s;
    const date = '2026-01-16';
    const batchId = await api.start(date, ['fox']);
    await api.stage(batchId, 'fox', somePredictions('fox', 7, { gameDate: date }));
    const locks = t.app.get(LockRepository);
    let intruderSawHolder: string | undefined;
    let statusDuringTheRun: string | undefined;
    const client = t.app.get(WarehouseClient);
    const transaction = client.transaction.bind(client);
    client.transaction = async (steps: readonly TransactionStep[], job: JobKey) => {
      if (job.operation === 'merge' && intruderSawHolder === undefined) {
        clock.advanceMinutes(1); // far past the 5 s lease taken at the start
        await new Promise((r) => setTimeout(r, 3_500)); // renewals (every 5/3 s) happen meanwhile
        intruderSawHolder = (await locks.acquire(date, 'intruder', clock.now(), 5))?.owner;
        statusDuringTheRun = (await api.runs(batchId)).status;
      }
      return transaction(steps, job);
    };
    try {
      const run = await api.consolidate(batchId);
      assert.equal(run.status, 'SUCCEEDED');
      assert.equal(intruderSawHolder, run.id, 'the renewed lease still belonged to the run');
      assert.equal(
        statusDuringTheRun,
        'CONSOLIDATING',
        'a run that keeps renewing is live, not abandoned, however long it takes',
      );
    } finally {
      client.transaction = transaction;
    }
    await api.settled(date); // its after-image first
    assert.equal(await locks.holder(date), undefined, 'released by its owner at the end');
  });

  it('never runs two cron ticks at once', async () => {
    const cron = s.t.app.get(ConsolidationCron);
    const reports = await Promise.all([cron.tick(), cron.tick()]);
    assert.deepEqual(reports.map((r) => r.skipped === true).sort(), [false, true]);
  });
});
