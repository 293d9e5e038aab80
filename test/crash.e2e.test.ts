import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { somePlayers, somePredictions } from './support/builders';
import { CRASH_HOOK, spawnApp, type ChildApp } from './support/child-app';
import {
  CHECK_STALLED,
  COMPLETE,
  consolidationApi,
  STAGE,
  START,
} from './support/consolidation-api';
import { FrozenClock, startTestApp } from './support/test-app';

const PLAYERS = somePlayers(6, 'k');
const ROWS = 4;

interface CrashPoint {
  readonly name: string;
  readonly env: Record<string, string>;
  /** What the crash left behind, checked before the restart's tick. */
  readonly activeRowsAtCrash: number;
  readonly stagingAtCrash: number;
}

/** The consolidation steps, in order: lock, staging discovery, snapshot, one transaction (fence, MERGE, checks, the merged writes deleted), after-snapshot, record, release. */
const CRASH_POINTS: readonly CrashPoint[] = [
  {
    name: 'after the lock',
    // A date's first lease: a take that finds no row, a free row, then the take that wins.
    env: { CRASH_AFTER_OPERATION: 'lock_acquire', CRASH_OCCURRENCE: '2' },
    activeRowsAtCrash: 0,
    stagingAtCrash: 6,
  },
  {
    name: 'after the snapshot',
    env: { CRASH_AFTER_OPERATION: 'snapshot' },
    activeRowsAtCrash: 0,
    stagingAtCrash: 6,
  },
  {
    name: "before the MERGE's transaction",
    env: { CRASH_BEFORE_OPERATION: 'merge' },
    activeRowsAtCrash: 0,
    stagingAtCrash: 6,
  },
  {
    // The MERGE, its checks and the delete of the writes it merged commit together.
    name: "after the MERGE's transaction, before the run is recorded",
    env: { CRASH_AFTER_OPERATION: 'merge' },
    activeRowsAtCrash: 24,
    stagingAtCrash: 0,
  },
];

/** A worker's day against the child process until its consolidation kills it. */
async function driveUntilKilled(child: ChildApp, gameDate: string): Promise<string> {
  const start = await child.ok<{ startBatch: { batch: { id: string } } }>(START, {
    input: { gameDate, players: PLAYERS },
  });
  const batchId = start.startBatch.batch.id;
  for (const player of PLAYERS) {
    await child.ok(STAGE, {
      input: {
        batchId,
        playerLookup: player,
        predictions: somePredictions(player, ROWS, { gameDate }),
      },
    });
  }
  for (const player of PLAYERS) {
    // The last completion triggers the consolidation; its answer may be lost with the process.
    await child
      .gql(COMPLETE, { input: { batchId, playerLookup: player, predictionsCount: ROWS } })
      .catch(() => undefined);
  }
  return batchId;
}

/** The child's exit; a hook that never struck (an operation renamed?) fails here, not at the timeout. */
async function exitWithin(child: ChildApp, ms: number, env: Record<string, string>) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.process.kill('SIGKILL');
      reject(new Error(`the hook ${JSON.stringify(env)} never struck within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([child.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('SIGKILL at each consolidation step, then a restart and one stall check', () => {
  // The production process runs on the system clock: the day is today.
  const gameDate = new Date().toISOString().slice(0, 10);

  for (const point of CRASH_POINTS) {
    it(`recovers from a crash ${point.name}: every row once, no staging, the lock free`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'coordinator-crash-'));
      const dbPath = join(dir, 'coordinator.duckdb');
      try {
        const child = await spawnApp({ dbPath, env: point.env, preload: [CRASH_HOOK] });
        const batchId = await driveUntilKilled(child, gameDate);
        const exit = await exitWithin(child, 30_000, point.env);
        assert.deepEqual(exit, { code: null, signal: 'SIGKILL' }, child.stderr());
        assert.match(
          child.stderr(),
          /"hook":"crash"/,
          'killed by the hook, at the chosen statement',
        );

        // The same database file, without the hook, once the lease (5 s) and the backoff are over.
        const clock = new FrozenClock(new Date(Date.now() + 11 * 60_000));
        const t = await startTestApp({ dbPath, clock, env: { LOCK_LEASE_SECONDS: '5' } });
        try {
          const api = consolidationApi(t);
          assert.equal(
            await api.activeRows(gameDate),
            point.activeRowsAtCrash,
            'rows at the crash',
          );
          assert.equal(
            (await api.stagingTables(batchId)).length,
            point.stagingAtCrash,
            'staging at the crash',
          );
          assert.equal(
            await api.count(
              `SELECT count(*) FROM consolidation_leases WHERE starts_with(owner, 'r')`,
            ),
            1,
            'the dead run still holds the lease',
          );

          // One stall check, as Cloud Scheduler calls it (the in-process cron's tick runs it too).
          const check = await t.ok<{ checkStalledBatches: { batchesConsolidated: number } }>(
            CHECK_STALLED,
            { t: 10, pct: 90 },
          );
          assert.equal(check.checkStalledBatches.batchesConsolidated, 1);
          await api.settled(gameDate); // its after-image, then the lease released

          const day = await t.ok<{
            predictionSummary: { predictions: number; duplicateKeys: number };
            predictions: { totalCount: number; edges: { node: { predictionId: string } }[] };
          }>(
            `query($d: Date!) {
              predictionSummary(gameDate: $d) { predictions duplicateKeys }
              predictions(gameDate: $d, first: 1000) { totalCount edges { node { predictionId } } }
            }`,
            { d: gameDate },
          );
          const staged = PLAYERS.flatMap((p) =>
            somePredictions(p, ROWS, { gameDate }).map((r) => String(r.predictionId)),
          );
          assert.deepEqual(day.predictionSummary, { predictions: staged.length, duplicateKeys: 0 });
          assert.deepEqual(
            day.predictions.edges.map((e) => e.node.predictionId).sort(),
            [...staged].sort(),
            'every staged prediction exactly once',
          );
          assert.deepEqual(await api.stagingTables(batchId), [], 'no staging table left');
          assert.equal(
            await api.count(`SELECT count(*) FROM consolidation_leases WHERE owner IS NOT NULL`),
            0,
            'the lock is free',
          );
          const runs = await api.runs(batchId);
          assert.equal(runs.status, 'CONSOLIDATED');
          assert.equal(runs.consolidations[0]?.status, 'SUCCEEDED');
          // A manual run takes the lock at once and finds nothing left to do.
          const again = await api.consolidate(batchId);
          assert.deepEqual(
            [again.status, again.stagingTables, again.rowsInserted],
            ['SUCCEEDED', 0, 0],
          );
          // The dead run's combine table (derived data) goes with the hourly sweep.
          clock.advanceMinutes(61);
          await t.app.get(ConsolidationCron).tick();
          assert.equal(
            await api.count(
              `SELECT count(*) FROM information_schema.tables WHERE starts_with(table_name, '_combine_')`,
            ),
            0,
          );
        } finally {
          await t.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
