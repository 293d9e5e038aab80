import { BatchService } from '../src/batch/batch.service';
import { ConsolidationStatus } from '../src/consolidation/consolidation-run';
import { ConsolidationTriggers } from '../src/consolidation/consolidation-triggers.service';
import { validatePredictions } from '../src/predictions/prediction-validation';
import { StagingRepository } from '../src/predictions/staging.repository';
import { SLICE_COLUMNS } from '../src/warehouse/tables/staged-rows.table';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePlayers, somePredictions } from '../test/support/builders';
import type { TestApp } from '../test/support/test-app';
import { median, timeIt } from './support/measure';

const DAY = '2026-01-30';
const PLAYERS = 450;
const ROWS = 30;
const KEY = ['game_date', 'game_id', 'player_lookup', 'system_id', 'current_points_line'];

/** Stages the day's 450 players of 30 rows each (untimed). */
export async function stage(t: TestApp, batchId: string): Promise<void> {
  const staging = t.app.get(StagingRepository);
  for (const player of somePlayers(PLAYERS)) {
    const { rows } = validatePredictions(somePredictions(player, ROWS, { gameDate: DAY }), {
      gameDate: DAY,
      playerLookup: player,
      stagedAt: '2026-01-30T15:00:00.000Z',
    });
    await staging.replacePlayerStaging(batchId, player, rows, '2026-01-30T15:00:00.000Z');
  }
}

/** The MERGE an engineer would write by hand for the same staged rows: newest per key, upsert. */
function handMerge(batchId: string, columns: readonly string[]): string {
  const staged = `SELECT ${columns.join(', ')} FROM staged_predictions WHERE batch_id = '${batchId}'`;
  const updates = columns.filter(
    (c) => !KEY.includes(c) && c !== 'prediction_id' && c !== 'created_at',
  );
  return `MERGE INTO player_prop_predictions AS T
USING (SELECT * FROM (${staged}) QUALIFY ROW_NUMBER() OVER (PARTITION BY ${KEY.join(', ')} ORDER BY created_at DESC) = 1) AS S
ON T.game_date = DATE '${DAY}' AND ${KEY.map((k) => `T.${k} IS NOT DISTINCT FROM S.${k}`).join(' AND ')}
WHEN MATCHED THEN UPDATE SET ${updates.map((c) => `${c} = S.${c}`).join(', ')}
WHEN NOT MATCHED THEN INSERT (${columns.join(', ')}) VALUES (${columns.map((c) => `S.${c}`).join(', ')})`;
}

export interface ConsolidationFigures {
  readonly serviceMs: number;
  readonly handMs: number;
  readonly rowsInserted: number;
  /** The same day staged and consolidated again: every row updated (a forced restart). */
  readonly againMs: number;
  readonly rowsUpdated: number;
}

/**
 * The same 13,500 rows, staged by 450 players, consolidated by the service (lock, plan,
 * snapshots, one MERGE, verification, cleanup, run record) and by one hand-written MERGE
 * over the staged rows; then staged and consolidated again (every row updated). Medians
 * of `reps`.
 */
export async function measureConsolidation(
  t: TestApp,
  reps: number,
): Promise<ConsolidationFigures> {
  const warehouse = t.app.get(WarehouseClient);
  const batches = t.app.get(BatchService);
  const triggers = t.app.get(ConsolidationTriggers);
  const clear = () =>
    warehouse.execute({
      sql: `DELETE FROM player_prop_predictions WHERE game_date = DATE '${DAY}'`,
      params: {},
    });
  const settle = () => warehouse.execute({ sql: 'CHECKPOINT', params: {} });
  const service: number[] = [];
  const hand: number[] = [];
  const again: number[] = [];
  let rowsInserted = 0;
  let rowsUpdated = 0;
  for (let rep = 0; rep < reps; rep++) {
    const { batch } = await batches.startBatch({
      gameDate: DAY,
      players: somePlayers(PLAYERS),
      force: true,
    });
    await stage(t, batch.id);
    const columns = (
      await warehouse.query({
        sql: `SELECT column_name FROM information_schema.columns WHERE table_name = 'staged_predictions' ORDER BY ordinal_position`,
        params: {},
      })
    )
      .map((r) => String(r.column_name))
      .filter((c) => !SLICE_COLUMNS.includes(c));
    const runHand = async () => {
      await settle();
      hand.push(
        await timeIt(() => warehouse.execute({ sql: handMerge(batch.id, columns), params: {} })),
      );
      await clear();
    };
    /** One timed consolidateBatch, after a checkpoint; fails the bench if the run failed. */
    const consolidateTimed = async (times: number[]) => {
      await settle();
      let figures = { rowsInserted: 0, rowsUpdated: 0 };
      times.push(
        await timeIt(async () => {
          const run = await triggers.consolidateBatch(batch.id);
          if (run.status !== ConsolidationStatus.SUCCEEDED)
            throw new Error(`run failed: ${run.error}`);
          figures = run.figures;
        }),
      );
      return figures;
    };
    const runService = async () => {
      rowsInserted = (await consolidateTimed(service)).rowsInserted;
      await stage(t, batch.id);
      rowsUpdated = (await consolidateTimed(again)).rowsUpdated;
      await clear();
    };
    // The service deletes the staging it consolidated, so the hand MERGE goes first.
    await runHand();
    await runService();
  }
  return {
    serviceMs: median(service),
    handMs: median(hand),
    rowsInserted,
    againMs: median(again),
    rowsUpdated,
  };
}
