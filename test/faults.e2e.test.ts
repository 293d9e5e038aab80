import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { ConsolidationService } from '../src/consolidation/consolidation.service';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePlayers, somePredictions } from './support/builders';
import {
  COMPLETE,
  consolidationApi,
  consolidationScenario,
  inParallel,
  type ConsolidationApi,
} from './support/consolidation-api';
import { injectFaults, seededRandom, shuffled } from './support/faulty-warehouse';
import { RetryStats, retryingWorkers } from './support/retrying-worker';
import { codes, startTestApp, type TestApp } from './support/test-app';

const PLAYERS = 450;
const ROWS_PER_PLAYER = 2;

interface DayView {
  predictionSummary: { predictions: number; players: number; duplicateKeys: number };
  coverage: { expectedPlayers: number; playersWithPredictions: number; missingPlayers: string[] };
}

const DAY = `query($d: Date!) {
  predictionSummary(gameDate: $d) { predictions players duplicateKeys }
  coverage(gameDate: $d) { expectedPlayers playersWithPredictions missingPlayers }
}`;

/** Waits for the consolidation a completion may have triggered to finish (if one started). */
async function settled(service: ConsolidationService, gameDate: string): Promise<void> {
  for (let i = 0; i < 60 && !service.isRunning(gameDate); i++) await sleep(50);
  while (service.isRunning(gameDate)) await sleep(50);
  await service.idle(gameDate); // the run's after-image, then its lease released
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const CONSOLIDATION_STEPS =
  /^(combine_\d+|snapshot|merge_figures|merge|verify|drop_staging|drop_tables)$/;

function consolidationFaulted(injected: ReadonlyMap<string, number>): boolean {
  return [...injected.keys()].some((operation) => CONSOLIDATION_STEPS.test(operation));
}

describe('a 450-player day while 10% of warehouse statements fail', () => {
  const s = consolidationScenario();

  it('retried workers and the cron land every staged row exactly once', async () => {
    const { t, api, clock } = s;
    const date = '2026-01-12';
    const players = somePlayers(PLAYERS, 'f');
    // Whatever the random faults strike, the first MERGE's answer is lost (it ran): the
    // hardest consolidation fault, struck every run of this test.
    let merges = 0;
    const lostMerge = injectFaults(t.app.get(WarehouseClient), {
      rate: 1,
      strike: 'after',
      operations: (operation) => operation === 'merge' && ++merges === 1,
    });
    const faults = injectFaults(t.app.get(WarehouseClient), { rate: 0.1, seed: 450 });
    // Stagings and completions that arrive together share one statement (group commit): a
    // day has far fewer of them than calls, so they fail more often here, to strike as many
    // calls as one failed statement a call did.
    const writeFaults = injectFaults(t.app.get(WarehouseClient), {
      rate: 0.4,
      seed: 17,
      operations: (operation) => /^(insert|append)_/.test(operation),
    });
    const struck = () => lostMerge.injectedTotal > 0 || consolidationFaulted(faults.injected);
    const stats = new RetryStats();
    const workers = retryingWorkers(t, stats);
    const batchId = await workers.start(date, players);
    await inParallel(shuffled(players, seededRandom(7)), 32, async (player) => {
      await workers.stage(
        batchId,
        player,
        somePredictions(player, ROWS_PER_PLAYER, { gameDate: date }),
      );
      await workers.complete(batchId, player, ROWS_PER_PLAYER);
    });
    assert.equal(
      stats.count('INTERNAL_SERVER_ERROR'),
      0,
      'a transient warehouse failure is SERVICE_UNAVAILABLE, never an internal error',
    );
    assert.ok(stats.count('SERVICE_UNAVAILABLE') >= 50, 'workers were told to retry');

    // The day goes on with faults until they have struck a consolidation too.
    const service = t.app.get(ConsolidationService);
    const cron = t.app.get(ConsolidationCron);
    await settled(service, date);
    for (let i = 0; i < 10 && !struck(); i++) {
      clock.advanceMinutes(11);
      await cron.tick();
    }
    writeFaults.restore();
    faults.restore();
    lostMerge.restore();
    assert.ok(struck(), JSON.stringify([...faults.injected]));
    const injected = faults.injectedTotal + writeFaults.injectedTotal;
    assert.ok(injected >= 40, `${injected} faults injected`);

    // Whatever the faults left (a failed or abandoned run, a held lease, an OPEN batch), the cron finishes.
    let ticks = 0;
    for (; ticks < 10; ticks++) {
      const batch = await api.runs(batchId);
      if (batch.status === 'CONSOLIDATED' && (await api.stagingTables(batchId)).length === 0) break;
      clock.advanceMinutes(11);
      await cron.tick();
    }
    assert.ok(
      ticks < 10,
      `consolidated after ${ticks} tick(s): ${JSON.stringify(await api.runs(batchId))}`,
    );
    // Combine tables a failed run could not drop are swept once an hour old.
    clock.advanceMinutes(61);
    await cron.tick();

    const day = await t.ok<DayView>(DAY, { d: date });
    assert.deepEqual(day.predictionSummary, {
      predictions: PLAYERS * ROWS_PER_PLAYER,
      players: PLAYERS,
      duplicateKeys: 0,
    });
    assert.deepEqual(day.coverage, {
      expectedPlayers: PLAYERS,
      playersWithPredictions: PLAYERS,
      missingPlayers: [],
    });
    assert.equal(await api.duplicateKeys(date), 0);
    assert.deepEqual(await api.stagingTables(batchId), []);
    assert.equal(
      await api.count(
        `SELECT count(*) FROM information_schema.tables WHERE starts_with(table_name, '_combine_')`,
      ),
      0,
      'combine tables of failed runs are swept',
    );
    assert.equal(
      await api.count(`SELECT count(*) FROM consolidation_leases WHERE owner IS NOT NULL`),
      0,
      'the lock is free',
    );
    const batch = await api.runs(batchId);
    assert.equal(batch.consolidations[0]?.status, 'SUCCEEDED');
  });
});

describe('450 players x 10 duplicate completions, concurrent and shuffled', () => {
  const s = consolidationScenario();

  it('counts 450 players once each and runs exactly one consolidation', async () => {
    const { t, api } = s;
    const date = '2026-01-13';
    const players = somePlayers(PLAYERS, 'd');
    const batchId = await api.start(date, players);
    await inParallel(players, 16, (p) =>
      api.stage(batchId, p, somePredictions(p, 1, { gameDate: date })),
    );
    const deliveries = shuffled(
      players.flatMap((p) => Array.from({ length: 10 }, () => p)),
      seededRandom(10),
    );
    const answers = await inParallel(deliveries, 32, (p) => api.complete(batchId, p, 1));
    assert.equal(
      answers.filter((a) => a.consolidationTriggered).length,
      1,
      'one delivery triggers the run',
    );

    const batch = await api.waitForRuns(batchId, 1);
    // Let any run a late duplicate might have started show up.
    await new Promise((r) => setTimeout(r, 500));
    const view = await t.ok<{
      batch: { status: string; completedPlayers: number; predictionsReported: number };
    }>(`query($id: ID!) { batch(id: $id) { status completedPlayers predictionsReported } }`, {
      id: batchId,
    });
    assert.deepEqual(view.batch, {
      status: 'CONSOLIDATED',
      completedPlayers: PLAYERS,
      predictionsReported: PLAYERS,
    });
    const runs = (await api.runs(batchId)).consolidations;
    assert.deepEqual(
      runs.map((r) => [r.trigger, r.status, r.stagingTables, r.rowsInserted]),
      [['BATCH_COMPLETE', 'SUCCEEDED', PLAYERS, PLAYERS]],
      JSON.stringify(runs),
    );
    assert.equal(batch.consolidations.length, 1);
    assert.equal(await api.activeRows(date), PLAYERS);
    assert.equal(await api.duplicateKeys(date), 0);
  });
});

describe('a transient failure while routing a completion to the batch that superseded its own', () => {
  const s = consolidationScenario();

  it('is an error the worker retries, never a success left on the superseded batch', async () => {
    const { t, api } = s;
    const date = '2026-01-14';
    const old = await api.start(date, ['ida', 'jay']);
    const current = await api.start(date, ['ida', 'jay'], true);
    await sleep(2_100); // past the batch cache: the next completion reads both batches
    const faults = injectFaults(t.app.get(WarehouseClient), {
      rate: 1,
      strike: 'before',
      operations: (operation, statement) =>
        operation === 'batch_events' && statement.job?.batchId === current,
    });
    const answer = await t.gql(COMPLETE, {
      input: { batchId: old, playerLookup: 'ida', predictionsCount: 0 },
    });
    faults.restore();
    assert.deepEqual(
      codes(answer),
      ['SERVICE_UNAVAILABLE'],
      `answered ${JSON.stringify(answer.data ?? answer.errors)}`,
    );
    await api.complete(old, 'ida', 0); // the worker's retry
    const view = await t.ok<{ batch: { completedPlayers: number } }>(
      `query($id: ID!) { batch(id: $id) { completedPlayers } }`,
      { id: current },
    );
    assert.equal(view.batch.completedPlayers, 1, 'the completion counts on the canonical batch');
  });
});

describe('a transient failure taking the lock', () => {
  const s = consolidationScenario();

  it('is SERVICE_UNAVAILABLE, not a CONFLICT naming a holder that does not exist', async () => {
    const { t, api } = s;
    const date = '2026-01-15';
    const batchId = await api.start(date, ['kai']);
    await api.stage(batchId, 'kai', somePredictions('kai', 2, { gameDate: date }));
    const faults = injectFaults(t.app.get(WarehouseClient), {
      rate: 1,
      strike: 'before',
      operations: (operation) => operation === 'lock_acquire',
    });
    const refused = await api.consolidateRaw(batchId);
    faults.restore();
    assert.deepEqual(codes(refused), ['SERVICE_UNAVAILABLE'], JSON.stringify(refused.errors));
    assert.equal((await api.consolidate(batchId)).status, 'SUCCEEDED', 'the retry runs');
  });
});

describe('a failed run whose failure cannot be recorded either', () => {
  let t: TestApp;
  let api: ConsolidationApi;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(async () => {
    t = await startTestApp();
    api = consolidationApi(t);
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await t.close();
  });

  it('answers SERVICE_UNAVAILABLE, keeps the staging, and leaves no unhandled rejection', async () => {
    const date = '2026-01-16';
    const batchId = await api.start(date, ['lou']);
    await api.stage(batchId, 'lou', somePredictions('lou', 2, { gameDate: date }));
    let mergeFailed = false;
    const faults = injectFaults(t.app.get(WarehouseClient), {
      rate: 1,
      strike: 'before',
      operations: (operation) => {
        if (operation === 'merge') return (mergeFailed = true);
        return mergeFailed && operation === 'append_batch_events';
      },
    });
    const refused = await api.consolidateRaw(batchId);
    // Past the combine-table drop that follows the failed record, and a few ticks more.
    await sleep(200);
    faults.restore();
    assert.deepEqual(codes(refused), ['SERVICE_UNAVAILABLE'], JSON.stringify(refused.errors));
    // Node ends the process on an unhandled rejection: in production this was a crash.
    assert.deepEqual(unhandled, []);
    assert.equal((await api.stagingTables(batchId)).length, 1, 'staging kept');
    assert.equal((await api.consolidate(batchId)).status, 'SUCCEEDED', 'the retry runs');
  });
});
