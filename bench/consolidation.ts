import { BatchService } from '../src/batch/batch.service';
import { ConsolidationStatus } from '../src/consolidation/consolidation-run';
import { ConsolidationRepository } from '../src/consolidation/consolidation.repository';
import { ConsolidationService } from '../src/consolidation/consolidation.service';
import { ConsolidationTriggers } from '../src/consolidation/consolidation-triggers.service';
import { inlineSource, planColumns, verificationCheck } from '../src/consolidation/merge-plan';
import { StagingCatalogRepository } from '../src/consolidation/staging-catalog.repository';
import { validatePredictions } from '../src/predictions/prediction-validation';
import { StagingRepository } from '../src/predictions/staging.repository';
import { SchemaBootstrap } from '../src/warehouse/schema-bootstrap';
import { CONSOLIDATION_OWNED_COLUMNS } from '../src/warehouse/tables/predictions.table';
import { SLICE_COLUMNS } from '../src/warehouse/tables/staged-rows.table';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePlayers, somePredictions } from '../test/support/builders';
import { inParallel } from '../test/support/consolidation-api';
import type { TestApp } from '../test/support/test-app';
import { spread, timeIt, type Spread } from './support/measure';

const DAY = '2026-01-30';
const PLAYERS = 450;
const ROWS = 30;
const KEY = ['game_date', 'game_id', 'player_lookup', 'system_id', 'current_points_line'];
const GROUP = ['game_id', 'player_lookup', 'system_id'];
const TARGET = 'player_prop_predictions';
const PARKED = { history: '_bench_history_target', empty: '_bench_empty_target' } as const;
type Target = keyof typeof PARKED;

/** Stages the day's 450 players of 30 rows each (untimed). */
export async function stage(t: TestApp, batchId: string): Promise<void> {
  const staging = t.app.get(StagingRepository);
  // One write a player, eight at a time, as a day's workers deliver them.
  await inParallel(somePlayers(PLAYERS), 8, async (player) => {
    const { rows } = validatePredictions(somePredictions(player, ROWS, { gameDate: DAY }), {
      gameDate: DAY,
      playerLookup: player,
      stagedAt: '2026-01-30T15:00:00.000Z',
    });
    await staging.replacePlayerStaging(batchId, player, rows, '2026-01-30T15:00:00.000Z');
  });
}

/**
 * The MERGE an engineer would write by hand with the service's semantics, as cheap as
 * DuckDB allows: each player's newest write, one row per key (the newest version, then
 * created_at, then prediction_id, a NULL never winning),
 * the key null-safe, an older version never over a newer one, and active rows of a staged
 * player and system on a line no longer staged deactivated in the same statement.
 */
export function handMerge(batchId: string, columns: readonly string[]): string {
  const version = (a: string) => `COALESCE(${a}.predicted_at, ${a}.created_at)`;
  const keyMatch = (a: string, b: string) =>
    KEY.map((k) =>
      k === 'current_points_line'
        ? `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`
        : `${a}.${k} = ${b}.${k}`,
    ).join(' AND ');
  const updates = columns
    .filter((c) => !KEY.includes(c) && !['prediction_id', 'created_at', 'predicted_at'].includes(c))
    .map((c) => `${c} = S.${c}`);
  const inserts = columns.map((c) => (c === 'predicted_at' ? version('S') : `S.${c}`));
  // The order as one struct key, each value after whether it is set: what DuckDB plans as
  // an aggregate rather than a sort of the whole rows (the service writes it the same way).
  const newest = `(${[version('writes'), 'created_at', 'prediction_id']
    .map((e) => `${e} IS NOT NULL, ${e}`)
    .join(', ')}) DESC`;
  return `MERGE INTO ${TARGET} AS T
USING (
  WITH writes AS (
    SELECT ${columns.join(', ')} FROM staged_predictions
    WHERE game_date = DATE '${DAY}' AND batch_id = '${batchId}'
    QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY player_lookup)
  ), newest AS (
    SELECT * FROM writes
    QUALIFY ROW_NUMBER() OVER (PARTITION BY ${KEY.join(', ')} ORDER BY ${newest}) = 1
  )
  SELECT *, FALSE AS _retire, CAST(NULL AS VARCHAR) AS _by FROM newest
  UNION ALL
  SELECT ${columns.map((c) => `T.${c}`).join(', ')}, TRUE, G._by
  FROM ${TARGET} AS T
  JOIN (SELECT ${GROUP.join(', ')}, MAX(prediction_id) AS _by FROM newest GROUP BY ${GROUP.join(', ')}) AS G
    USING (${GROUP.join(', ')})
  WHERE T.game_date = DATE '${DAY}' AND T.is_active
    AND NOT EXISTS (SELECT 1 FROM newest AS N WHERE ${keyMatch('N', 'T')})
) AS S
ON T.game_date = DATE '${DAY}' AND ${keyMatch('T', 'S')}
WHEN MATCHED AND S._retire THEN
  UPDATE SET is_active = FALSE, superseded_by = S._by, updated_at = CURRENT_TIMESTAMP
WHEN MATCHED AND ${version('S')} >= ${version('T')} THEN
  UPDATE SET ${updates.join(', ')}, predicted_at = ${version('S')}, is_active = TRUE, superseded_by = NULL, updated_at = CURRENT_TIMESTAMP
WHEN NOT MATCHED AND NOT S._retire THEN
  INSERT (${columns.join(', ')}, is_active, superseded_by, updated_at)
  VALUES (${inserts.join(', ')}, TRUE, NULL, CURRENT_TIMESTAMP)`;
}

export interface ConsolidationFigures {
  /** Per run: the service's first consolidation of the day / the baseline's, 365-day target. */
  readonly first: Spread;
  /** The same rows consolidated again (every row updated): service / baseline. */
  readonly again: Spread;
  /** The service's first consolidation into the 365-day target / into an empty one, alternating. */
  readonly independence: Spread;
  readonly independenceAgain: Spread;
  /** Medians in ms, for the detail. */
  readonly ms: Record<`${'service' | 'hand'}_${'first' | 'again'}_${Target}`, number>;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
}

/**
 * Figures 2 and 3 in one app instance whose database holds the 365-day history: the
 * target is swapped (renamed, not copied) between the history and an empty table, and the
 * two are measured alternately, each rep in the other order. On each: the day staged by
 * 450 players (untimed), then the baseline (the hand MERGE and the service's verification
 * in one transaction) and the service's consolidateBatch, each a first consolidation of
 * the day and a re-consolidation of the same rows; the after-image and a CHECKPOINT
 * between timed parts are untimed.
 */
export async function measureConsolidation(
  t: TestApp,
  reps: number,
): Promise<ConsolidationFigures> {
  const warehouse = t.app.get(WarehouseClient);
  const exec = (sql: string) => warehouse.execute({ sql, params: {} });
  await exec(`ALTER TABLE ${TARGET} RENAME TO ${PARKED.history}`);
  await new SchemaBootstrap(warehouse).run();
  await exec(`ALTER TABLE ${TARGET} RENAME TO ${PARKED.empty}`);
  let current: Target | undefined;
  const use = async (target: Target) => {
    if (current) await exec(`ALTER TABLE ${TARGET} RENAME TO ${PARKED[current]}`);
    await exec(`ALTER TABLE ${PARKED[target]} RENAME TO ${TARGET}`);
    current = target;
  };
  const runs = new Map<string, number[]>();
  const push = (name: string, ms: number) => runs.set(name, [...(runs.get(name) ?? []), ms]);
  let rowsInserted = 0;
  let rowsUpdated = 0;
  try {
    for (let rep = 0; rep < reps; rep++) {
      const order: Target[] = rep % 2 === 0 ? ['history', 'empty'] : ['empty', 'history'];
      for (const target of order) {
        await use(target);
        const sides = [
          () => handSide(t, target, push),
          async () => {
            const figures = await serviceSide(t, target, push);
            rowsInserted = figures.rowsInserted;
            rowsUpdated = figures.rowsUpdated;
          },
        ];
        if (rep % 2 === 1) sides.reverse();
        for (const side of sides) await side();
      }
    }
  } finally {
    if (current !== 'history') await use('history');
  }
  const list = (name: string) => runs.get(name) ?? [];
  const ratios = (a: string, b: string) =>
    spread(list(a).map((x, i) => x / (list(b)[i] ?? Number.NaN)));
  const ms = Object.fromEntries(
    [...runs.entries()].map(([name, values]) => [name, spread(values).median]),
  ) as ConsolidationFigures['ms'];
  return {
    first: ratios('service_first_history', 'hand_first_history'),
    again: ratios('service_again_history', 'hand_again_history'),
    independence: ratios('service_first_history', 'service_first_empty'),
    independenceAgain: ratios('service_again_history', 'service_again_empty'),
    ms,
    rowsInserted,
    rowsUpdated,
  };
}

type Push = (name: string, ms: number) => void;

async function settle(t: TestApp): Promise<void> {
  await t.app.get(ConsolidationService).idle(DAY);
  await t.app.get(WarehouseClient).execute({ sql: 'CHECKPOINT', params: {} });
}

async function newBatch(t: TestApp): Promise<string> {
  const players = somePlayers(PLAYERS);
  const started = await t.app.get(BatchService).startBatch({ gameDate: DAY, players, force: true });
  return started.batch.id;
}

async function clearDay(t: TestApp, batchId: string): Promise<void> {
  const warehouse = t.app.get(WarehouseClient);
  await warehouse.execute({
    sql: `DELETE FROM ${TARGET} WHERE game_date = DATE '${DAY}'`,
    params: {},
  });
  await warehouse.execute({
    sql: `DELETE FROM staged_predictions WHERE batch_id = '${batchId}'`,
    params: {},
  });
}

/** The baseline, first and again: the hand MERGE and the service's own verification, one transaction. */
async function handSide(t: TestApp, target: Target, push: Push): Promise<void> {
  const warehouse = t.app.get(WarehouseClient);
  const batchId = await newBatch(t);
  const columns = (
    await warehouse.query({
      sql: `SELECT column_name FROM information_schema.columns WHERE table_name = 'staged_predictions' ORDER BY ordinal_position`,
      params: {},
    })
  )
    .map((r) => String(r.column_name))
    .filter((c) => !SLICE_COLUMNS.includes(c) && !CONSOLIDATION_OWNED_COLUMNS.includes(c));
  for (const pass of ['first', 'again'] as const) {
    await warehouse.execute({
      sql: `DELETE FROM staged_predictions WHERE batch_id = '${batchId}'`,
      params: {},
    });
    await stage(t, batchId);
    const verify = await serviceVerification(t, batchId);
    await settle(t);
    push(
      `hand_${pass}_${target}`,
      await timeIt(() =>
        warehouse.transaction(
          [
            { kind: 'write', statement: { sql: handMerge(batchId, columns), params: {} } },
            { kind: 'check', statement: verify, check: 'verify' },
          ],
          { operation: 'hand_merge' },
        ),
      ),
    );
    const [row] = await warehouse.query({
      sql: `SELECT COUNT(*) AS n FROM ${TARGET} WHERE game_date = DATE '${DAY}' AND is_active`,
      params: {},
    });
    if (Number(row?.n) !== PLAYERS * ROWS)
      throw new Error(`the hand MERGE left ${String(row?.n)} rows`);
  }
  await clearDay(t, batchId);
}

/** The service's verification statement for the batch's staged rows, as its run builds it. */
async function serviceVerification(t: TestApp, batchId: string) {
  const warehouse = t.app.get(WarehouseClient);
  const staging = await t.app.get(StagingCatalogRepository).tablesOf([batchId]);
  const target = await t.app.get(ConsolidationRepository).targetColumns();
  const plan = planColumns(staging, target, 'fail');
  const source = inlineSource(warehouse.dialect, staging, plan);
  if (!source) throw new Error('the staged rows are not slices of the shared table');
  return {
    sql: verificationCheck({
      dialect: warehouse.dialect,
      gameDate: DAY,
      source,
      plan,
      businessKey: KEY,
      deactivate: true,
      nowRef: 'NULL',
    }),
    params: {},
  };
}

/** consolidateBatch, first and again (every row updated); its after-image is untimed. */
async function serviceSide(
  t: TestApp,
  target: Target,
  push: Push,
): Promise<{ rowsInserted: number; rowsUpdated: number }> {
  const triggers = t.app.get(ConsolidationTriggers);
  const batchId = await newBatch(t);
  const figures = { rowsInserted: 0, rowsUpdated: 0 };
  for (const pass of ['first', 'again'] as const) {
    await stage(t, batchId);
    await settle(t);
    push(
      `service_${pass}_${target}`,
      await timeIt(async () => {
        const run = await triggers.consolidateBatch(batchId);
        if (run.status !== ConsolidationStatus.SUCCEEDED)
          throw new Error(`run failed: ${run.error}`);
        if (pass === 'first') figures.rowsInserted = run.figures.rowsInserted;
        else figures.rowsUpdated = run.figures.rowsUpdated;
      }),
    );
  }
  await settle(t);
  await clearDay(t, batchId);
  return figures;
}
