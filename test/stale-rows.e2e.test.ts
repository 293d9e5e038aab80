import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { somePredictions } from './support/builders';
import { consolidationScenario, type RunView } from './support/consolidation-api';

/**
 * A worker's old message redelivered (after a forced restart, a retry queue) stages rows
 * older than what the target holds. Newest wins across runs and batches: the MERGE never
 * puts an older version over a newer one, and the run says how many it skipped.
 */
const PREDICTIONS = `query($d: Date!, $p: String!) { predictions(gameDate: $d, playerLookup: $p, activeOnly: false, first: 100) {
  edges { node { predictionId systemId currentPointsLine predictedPoints isActive predictedAt createdAt } } } }`;

interface Node {
  predictionId: string;
  systemId: string;
  currentPointsLine: number | null;
  predictedPoints: number;
  isActive: boolean;
  predictedAt: string;
  createdAt: string;
}

const SYSTEMS = ['catboost_v9', 'ensemble_v1', 'xgb_v3'];

describe('stale rows never overwrite newer ones', () => {
  const s = consolidationScenario();

  /** The player's rows as GraphQL returns them, active or not, in a stable order. */
  async function rowsOf(date: string, player: string): Promise<Node[]> {
    const data = await s.t.ok<{ predictions: { edges: { node: Node }[] } }>(PREDICTIONS, {
      d: date,
      p: player,
    });
    return data.predictions.edges
      .map((e) => e.node)
      .sort(
        (a, b) =>
          a.systemId.localeCompare(b.systemId) ||
          (a.currentPointsLine ?? 0) - (b.currentPointsLine ?? 0),
      );
  }

  /** One message of a worker: the player's three systems at one line, made at `at`. */
  function message(player: string, at: string, line: number, points: number) {
    return somePredictions(player, 3, { gameDate: '2026-03-01', systems: SYSTEMS, line }).map(
      (r) => ({ ...r, createdAt: at, predictedPoints: points }),
    );
  }

  const minutesAgo = (n: number) => new Date(s.clock.now().getTime() - n * 60_000).toISOString();

  function counts(run: RunView) {
    return {
      status: run.status,
      rowsStale: run.rowsStale,
      rowsInserted: run.rowsInserted,
      rowsUpdated: run.rowsUpdated,
      rowsDeactivated: run.rowsDeactivated,
    };
  }

  it('skips a redelivered older version of the same keys, counts it as stale, keeps the newer values', async () => {
    const date = '2026-03-01';
    const batchId = await s.api.start(date, ['ann']);
    const newer = minutesAgo(5);
    await s.api.stage(batchId, 'ann', message('ann', newer, 24.5, 27));
    await s.api.complete(batchId, 'ann', 3);
    const first = (await s.api.waitForRuns(batchId, 1)).consolidations[0];
    assert.equal(first?.rowsInserted, 3, JSON.stringify(first));

    s.clock.advanceMinutes(1);
    // The message made 10 minutes before the one already merged arrives again.
    await s.api.stage(batchId, 'ann', message('ann', minutesAgo(16), 24.5, 20));
    const run = await s.api.consolidate(batchId);
    assert.deepEqual(counts(run), {
      status: 'SUCCEEDED',
      rowsStale: 3,
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsDeactivated: 0,
    });
    const rows = await rowsOf(date, 'ann');
    assert.deepEqual(
      rows.map((r) => [r.predictedPoints, r.isActive, r.predictedAt]),
      rows.map(() => [27, true, newer]),
      'the newer values and the version they are stay',
    );
    const history = await s.api.runs(batchId);
    assert.equal(history.consolidations[0]?.rowsStale, 3, 'the recorded run says the same');
  });

  it('applies a newer version, and records it as the version the row holds', async () => {
    const date = '2026-03-01';
    const batchId = await s.api.start(date, ['ann']);
    s.clock.advanceMinutes(1);
    const newest = minutesAgo(0);
    await s.api.stage(batchId, 'ann', message('ann', newest, 24.5, 31));
    const run = await s.api.consolidate(batchId);
    assert.deepEqual(counts(run), {
      status: 'SUCCEEDED',
      rowsStale: 0,
      rowsInserted: 0,
      rowsUpdated: 3,
      rowsDeactivated: 0,
    });
    const rows = await rowsOf(date, 'ann');
    assert.deepEqual(
      rows.map((r) => [r.predictedPoints, r.predictedAt]),
      rows.map(() => [31, newest]),
    );
    assert.ok(
      rows.every((r) => r.createdAt < newest),
      'created_at stays the first version',
    );
  });

  it('never lets an older line of a player and system replace the newer active line', async () => {
    const date = '2026-03-02';
    const batchId = await s.api.start(date, ['bea']);
    const at = (n: number) => minutesAgo(n);
    const oldLine = message('bea', at(20), 24.5, 22).map((r) => ({ ...r, gameDate: date }));
    const newLine = message('bea', at(10), 25.5, 23).map((r) => ({ ...r, gameDate: date }));
    await s.api.stage(batchId, 'bea', oldLine);
    await s.api.complete(batchId, 'bea', 3);
    await s.api.waitForRuns(batchId, 1);
    s.clock.advanceMinutes(1);
    await s.api.stage(batchId, 'bea', newLine);
    const moved = await s.api.consolidate(batchId);
    assert.deepEqual(
      [moved.rowsInserted, moved.rowsDeactivated],
      [3, 3],
      'the line moved: 25.5 replaces 24.5',
    );

    s.clock.advanceMinutes(1);
    // The 24.5 message is redelivered: it is older than the active 25.5 line.
    await s.api.stage(batchId, 'bea', oldLine);
    const redelivered = await s.api.consolidate(batchId);
    assert.deepEqual(counts(redelivered), {
      status: 'SUCCEEDED',
      rowsStale: 3,
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsDeactivated: 0,
    });
    const line = (rows: Node[]) =>
      rows.map((r) => [r.systemId, r.currentPointsLine, r.isActive, r.predictedPoints]);
    const expected = SYSTEMS.flatMap((s) => [
      [s, 24.5, false, 22],
      [s, 25.5, true, 23],
    ]);
    assert.deepEqual(line(await rowsOf(date, 'bea')), expected);

    s.clock.advanceMinutes(1);
    // A genuinely newer message moving the line back is applied.
    const back = message('bea', at(0), 24.5, 21).map((r) => ({ ...r, gameDate: date }));
    await s.api.stage(batchId, 'bea', back);
    const newer = await s.api.consolidate(batchId);
    assert.deepEqual(counts(newer), {
      status: 'SUCCEEDED',
      rowsStale: 0,
      rowsInserted: 0,
      rowsUpdated: 3,
      rowsDeactivated: 3,
    });
    assert.deepEqual(
      line(await rowsOf(date, 'bea')),
      SYSTEMS.flatMap((s) => [
        [s, 24.5, true, 21],
        [s, 25.5, false, 23],
      ]),
    );
  });
});
