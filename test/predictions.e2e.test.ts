import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BatchService } from '../src/batch/batch.service';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { ConsolidationTriggers } from '../src/consolidation/consolidation-triggers.service';
import { ConsolidationService } from '../src/consolidation/consolidation.service';
import { StagingService } from '../src/predictions/staging.service';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { GAME_DATE, somePlayers, somePredictions } from './support/builders';
import { consolidationScenario } from './support/consolidation-api';
import { codes, FrozenClock, startTestApp, type TestApp } from './support/test-app';

const SUMMARY = `query($d: Date!) { predictionSummary(gameDate: $d) { gameDate predictions players duplicateKeys lastUpdatedAt bySystem { systemId predictions players } } }`;
const PAGE = `query($d: Date!, $after: String, $first: Int) { predictions(gameDate: $d, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { predictionId playerLookup systemId gameDate predictedPoints confidenceScore currentPointsLine keyFactors warnings dataQualityIssues isActive createdAt updatedAt featureCount } } } }`;
const COVERAGE = `query($d: Date!) { coverage(gameDate: $d) { expectedPlayers playersWithPredictions missingPlayers } }`;
const RESTORE = `mutation($d: Date!, $asOf: DateTime!, $dry: Boolean) { restorePredictions(gameDate: $d, asOf: $asOf, dryRun: $dry) { rowsNow rowsAsOf rowsRestored dryRun } }`;

interface Edge {
  cursor: string;
  node: Record<string, unknown>;
}

describe('prediction queries over GraphQL on the seed day', () => {
  let t: TestApp;
  const clock = new FrozenClock();
  const players = somePlayers(141);
  const missing = players.slice(-2);

  before(async () => {
    t = await startTestApp({ clock });
    const batches = t.app.get(BatchService);
    const staging = t.app.get(StagingService);
    const { batch } = await batches.startBatch({ gameDate: GAME_DATE, players });
    // 139 players stage 966 predictions; the last two never do (coverage reports them).
    for (const [i, player] of players.slice(0, 139).entries()) {
      await staging.stage({
        batchId: batch.id,
        playerLookup: player,
        predictions: somePredictions(player, i < 132 ? 7 : 6),
      });
    }
    const run = await t.app.get(ConsolidationTriggers).consolidateBatch(batch.id);
    assert.equal(run.status, 'SUCCEEDED', run.error ?? '');
    await t.app.get(ConsolidationService).idle(GAME_DATE); // its after-image
    clock.advanceMinutes(30);
  });
  after(async () => t.close());

  it('predictionSummary answers the seed check: 966 predictions for 139 players, no duplicate keys', async () => {
    const data = await t.ok<{
      predictionSummary: Record<string, unknown> & { bySystem: { predictions: number }[] };
    }>(SUMMARY, { d: GAME_DATE });
    assert.equal(data.predictionSummary.predictions, 966);
    assert.equal(data.predictionSummary.players, 139);
    assert.equal(data.predictionSummary.duplicateKeys, 0);
    assert.equal(data.predictionSummary.bySystem.length, 7);
    assert.equal(
      data.predictionSummary.bySystem.reduce((s, b) => s + b.predictions, 0),
      966,
    );
    assert.equal(data.predictionSummary.lastUpdatedAt, '2026-01-30T15:00:00.000Z');
  });

  it('paging through 966 rows in pages of 100 returns each row once, in a stable order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: {
        predictions: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: Edge[];
        };
      } = await t.ok(PAGE, { d: GAME_DATE, after, first: 100 });
      assert.equal(data.predictions.totalCount, 966);
      seen.push(...data.predictions.edges.map((e) => String(e.node.predictionId)));
      after = data.predictions.pageInfo.hasNextPage ? data.predictions.pageInfo.endCursor : null;
      pages++;
    } while (after);
    assert.equal(pages, 10);
    assert.equal(seen.length, 966);
    assert.equal(new Set(seen).size, 966);
  });

  it('a prediction carries typed columns: NUMERIC as Float, JSON as JSON, arrays as lists, target-only columns null', async () => {
    const data = await t.ok<{ predictions: { edges: Edge[] } }>(PAGE, { d: GAME_DATE, first: 1 });
    const node = data.predictions.edges[0]?.node;
    assert.deepEqual(
      {
        ...node,
        predictionId: undefined,
        playerLookup: undefined,
        systemId: undefined,
        currentPointsLine: undefined,
      },
      {
        predictionId: undefined,
        playerLookup: undefined,
        systemId: undefined,
        currentPointsLine: undefined,
        gameDate: GAME_DATE,
        predictedPoints: 22.4,
        confidenceScore: 71.25,
        keyFactors: { pace: 'fast' },
        warnings: ['thin sample'],
        dataQualityIssues: [],
        isActive: true,
        createdAt: '2026-01-30T15:00:00.000Z',
        updatedAt: '2026-01-30T15:00:00.000Z',
        featureCount: null,
      },
    );
  });

  it('a cursor that the service did not issue is BAD_USER_INPUT', async () => {
    assert.deepEqual(codes(await t.gql(PAGE, { d: GAME_DATE, after: 'not-a-cursor' })), [
      'BAD_USER_INPUT',
    ]);
  });

  it('coverage lists the expected players without active predictions', async () => {
    const data = await t.ok<{
      coverage: {
        expectedPlayers: number;
        playersWithPredictions: number;
        missingPlayers: string[];
      };
    }>(COVERAGE, { d: GAME_DATE });
    assert.deepEqual(data.coverage, {
      expectedPlayers: 141,
      playersWithPredictions: 139,
      missingPlayers: missing,
    });
  });

  it('a read without a game date is refused before it reaches the warehouse', async () => {
    const response = await t.gql(`{ predictions(first: 5) { totalCount } }`);
    assert.ok(response.errors?.[0]?.message.includes('gameDate'));
  });

  it('rows deleted by hand are restored exactly, after a dry run, and the restore can be undone', async () => {
    const warehouse = t.app.get(WarehouseClient);
    const beforeDelete = clock.now().toISOString();
    clock.advanceMinutes(5);
    const deleted = await warehouse.execute({
      sql: `DELETE FROM player_prop_predictions WHERE game_date = DATE '${GAME_DATE}' AND player_lookup IN ('player001', 'player002')`,
      params: {},
    });
    assert.equal(deleted, 14);
    clock.advanceMinutes(5);

    const dry = await t.ok<{ restorePredictions: Record<string, unknown> }>(RESTORE, {
      d: GAME_DATE,
      asOf: beforeDelete,
    });
    assert.deepEqual(dry.restorePredictions, {
      rowsNow: 952,
      rowsAsOf: 966,
      rowsRestored: 14,
      dryRun: true,
    });
    const still = await t.ok<{ predictionSummary: { predictions: number } }>(SUMMARY, {
      d: GAME_DATE,
    });
    assert.equal(still.predictionSummary.predictions, 952, 'a dry run changes nothing');

    const restoreAt = clock.now().toISOString();
    const real = await t.ok<{ restorePredictions: Record<string, unknown> }>(RESTORE, {
      d: GAME_DATE,
      asOf: beforeDelete,
      dry: false,
    });
    assert.deepEqual(real.restorePredictions, {
      rowsNow: 952,
      rowsAsOf: 966,
      rowsRestored: 14,
      dryRun: false,
    });
    const after = await t.ok<{
      predictionSummary: { predictions: number; players: number; duplicateKeys: number };
    }>(SUMMARY, { d: GAME_DATE });
    assert.deepEqual(
      {
        predictions: after.predictionSummary.predictions,
        players: after.predictionSummary.players,
        duplicateKeys: after.predictionSummary.duplicateKeys,
      },
      { predictions: 966, players: 139, duplicateKeys: 0 },
    );

    // Undo: restoring as of the restore's own instant brings back the 952 rows it replaced.
    const restoredAt = restoreAt;
    clock.advanceMinutes(1);
    const undo = await t.ok<{ restorePredictions: Record<string, unknown> }>(RESTORE, {
      d: GAME_DATE,
      asOf: restoredAt,
      dry: false,
    });
    assert.deepEqual(undo.restorePredictions, {
      rowsNow: 966,
      rowsAsOf: 952,
      rowsRestored: 0,
      dryRun: false,
    });
    const undone = await t.ok<{ predictionSummary: { predictions: number } }>(SUMMARY, {
      d: GAME_DATE,
    });
    assert.equal(undone.predictionSummary.predictions, 952);
  });

  it('a restore from before any snapshot is NOT_FOUND with a message', async () => {
    const response = await t.gql(RESTORE, { d: GAME_DATE, asOf: '2026-01-01T00:00:00Z' });
    assert.deepEqual(codes(response), ['NOT_FOUND']);
  });
});

describe('snapshot retention (DuckDB: SNAPSHOT_RETENTION_DAYS)', () => {
  const s = consolidationScenario({
    clock: new FrozenClock(new Date('2026-02-01T12:00:00.000Z')),
    env: { SNAPSHOT_RETENTION_DAYS: '1' },
  });
  const date = '2026-02-01';

  const snapshots = async () =>
    (
      await s.api.query(
        `SELECT snapshot_reason, count(*) AS n FROM prediction_snapshots GROUP BY snapshot_id, snapshot_reason, snapshot_at ORDER BY snapshot_at`,
      )
    ).map((r) => `${String(r.snapshot_reason)}:${Number(r.n)}`);

  it('prunes snapshots past the window but keeps each date restorable from the cutoff on', async () => {
    const { t, api, clock } = s;
    const batchId = await api.start(date, ['ivy']);
    await api.stage(batchId, 'ivy', somePredictions('ivy', 2, { gameDate: date }));
    assert.equal((await api.consolidate(batchId)).status, 'SUCCEEDED');
    const firstDay = clock.now().toISOString();
    clock.advanceMinutes(2 * 24 * 60);
    const moved = somePredictions('ivy', 2, { gameDate: date }).map((p) => ({
      ...p,
      predictedPoints: 31.5,
    }));
    await api.stage(batchId, 'ivy', moved);
    assert.equal((await api.consolidate(batchId)).status, 'SUCCEEDED');
    await api.settled(date);
    // Two runs: each a snapshot before (a marker row, plus the rows) and after the MERGE.
    assert.deepEqual(await snapshots(), [
      'before_merge:1',
      'after_merge:3',
      'before_merge:3',
      'after_merge:3',
    ]);

    clock.advanceMinutes(2 * 24 * 60); // the cutoff (1 day ago) is after both runs
    const report = await t.app.get(ConsolidationCron).tick();
    assert.equal(report.snapshotRowsPruned, 7);
    assert.deepEqual(await snapshots(), ['after_merge:3'], 'the state at the cutoff stays');

    const yesterday = new Date(clock.now().getTime() - 86_400_000).toISOString();
    const dry = await t.ok<{ restorePredictions: Record<string, unknown> }>(RESTORE, {
      d: date,
      asOf: yesterday,
    });
    assert.deepEqual(dry.restorePredictions, {
      rowsNow: 2,
      rowsAsOf: 2,
      rowsRestored: 0,
      dryRun: true,
    });
    const gone = await t.gql(RESTORE, { d: date, asOf: firstDay });
    assert.deepEqual(codes(gone), ['NOT_FOUND'], 'before the kept snapshot: pruned');
    assert.equal((await t.app.get(ConsolidationCron).tick()).snapshotRowsPruned, 0);
  });
});
