import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { BatchService } from '../../src/batch/batch.service';
import { Clock } from '../../src/common/clock';
import { ConsolidationService } from '../../src/consolidation/consolidation.service';
import { validatePredictions } from '../../src/predictions/prediction-validation';
import { stagingTableDefinition } from '../../src/predictions/prediction-columns';
import {
  batchOfStagingTable,
  stagingPrefix,
  stagingTableName,
} from '../../src/warehouse/sql/identifiers';
import { SLICE_COLUMNS } from '../../src/warehouse/tables/staged-rows.table';
import type { Row } from '../../src/warehouse/sql/statement';
import { WarehouseClient } from '../../src/warehouse/warehouse-client';
import { FrozenClock, startTestApp, type GraphqlResponse, type TestApp } from './test-app';

/** A consolidation run as an operator reads it. */
export interface RunView {
  id: string;
  batchId: string;
  trigger: string;
  status: string;
  stagingTables: number;
  rowsStaged: number;
  duplicatesDropped: number;
  rowsStale: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeactivated: number;
  error: string | null;
  missingPlayers: string[];
}

const RUN_FIELDS = `id batchId trigger status stagingTables rowsStaged duplicatesDropped rowsStale
  rowsInserted rowsUpdated rowsDeactivated error missingPlayers`;

export const START = `mutation($input: StartBatchInput!) {
  startBatch(input: $input) { created batch { id status mergedFrom } }
}`;
export const STAGE = `mutation($input: StagePredictionsInput!) {
  stagePredictions(input: $input) { batchId playerLookup rowsStaged }
}`;
export const COMPLETE = `mutation($input: RecordCompletionInput!) {
  recordCompletion(input: $input) { batchComplete consolidationTriggered batch { id status } }
}`;
export const CONSOLIDATE = `mutation($batchId: ID!) { consolidateBatch(batchId: $batchId) { ${RUN_FIELDS} } }`;
export const CHECK_STALLED = `mutation($t: Int!, $pct: Float!) {
  checkStalledBatches(stallThresholdMinutes: $t, minCompletionPct: $pct) {
    batchesChecked batchesConsolidated
    results { action batch { id status completionPct } consolidation { ${RUN_FIELDS} } }
  }
}`;
export const MERGE_FRAGMENTS = `mutation($gameDate: Date!) {
  mergeFragmentedBatches(gameDate: $gameDate) { id status mergedFrom expectedPlayers completedPlayers }
}`;
const BATCH_RUNS = `query($id: ID!) { batch(id: $id) { id status consolidations { ${RUN_FIELDS} } } }`;

export interface BatchRuns {
  id: string;
  status: string;
  /** Newest first. */
  consolidations: RunView[];
}

/** Runs `work` over `items` with at most `limit` in flight (workers call the API in parallel). */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** The consolidation-facing calls of the API, plus direct looks into the warehouse. */
export function consolidationApi(t: TestApp) {
  const warehouse = () => t.app.get(WarehouseClient);
  return {
    async start(gameDate: string, players: readonly string[], force = false): Promise<string> {
      const data = await t.ok<{ startBatch: { batch: { id: string } } }>(START, {
        input: { gameDate, players, force },
      });
      return data.startBatch.batch.id;
    },
    async stage(
      batchId: string,
      playerLookup: string,
      predictions: readonly Record<string, unknown>[],
    ): Promise<number> {
      const data = await t.ok<{ stagePredictions: { rowsStaged: number } }>(STAGE, {
        input: { batchId, playerLookup, predictions },
      });
      return data.stagePredictions.rowsStaged;
    },
    async complete(batchId: string, playerLookup: string, predictionsCount: number) {
      const data = await t.ok<{
        recordCompletion: { batchComplete: boolean; consolidationTriggered: boolean };
      }>(COMPLETE, {
        input: { batchId, playerLookup, predictionsCount },
      });
      return data.recordCompletion;
    },
    async consolidate(batchId: string): Promise<RunView> {
      return (await t.ok<{ consolidateBatch: RunView }>(CONSOLIDATE, { batchId })).consolidateBatch;
    },
    /**
     * Waits until the date's last run here has written its after-image and released the
     * lease (it does both just after answering): before looking at leases or snapshots, or
     * changing the date by hand.
     */
    settled(gameDate: string): Promise<void> {
      return t.app.get(ConsolidationService).idle(gameDate);
    },
    consolidateRaw(batchId: string): Promise<GraphqlResponse<{ consolidateBatch: RunView }>> {
      return t.gql<{ consolidateBatch: RunView }>(CONSOLIDATE, { batchId });
    },
    async runs(batchId: string): Promise<BatchRuns> {
      const data = await t.ok<{ batch: BatchRuns | null }>(BATCH_RUNS, { id: batchId });
      assert.ok(data.batch, `batch ${batchId} should exist`);
      return data.batch;
    },
    /** Waits for a triggered (background) consolidation to reach a status. */
    async waitForStatus(batchId: string, status: string): Promise<BatchRuns> {
      let last: BatchRuns | undefined;
      for (let i = 0; i < 400; i++) {
        last = await this.runs(batchId);
        if (last.status === status) return last;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`batch ${batchId} never reached ${status}: ${JSON.stringify(last)}`);
    },
    /** Waits until the batch has `count` finished runs (a triggered run works in the background). */
    async waitForRuns(batchId: string, count: number): Promise<BatchRuns> {
      let last: BatchRuns | undefined;
      for (let i = 0; i < 400; i++) {
        last = await this.runs(batchId);
        const finished = last.consolidations.filter((r) => r.status !== 'RUNNING').length;
        if (finished >= count && last.status !== 'CONSOLIDATING') return last;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`batch ${batchId} never had ${count} finished runs: ${JSON.stringify(last)}`);
    },
    /** Stages and completes every player, `count(player, i)` rows each, a few workers at a time. */
    async stageAndComplete(
      batchId: string,
      players: readonly string[],
      rows: (player: string, index: number) => Record<string, unknown>[],
    ) {
      return inParallel(players, 6, async (player, i) => {
        const predictions = rows(player, i);
        await this.stage(batchId, player, predictions);
        return this.complete(batchId, player, predictions.length);
      });
    },
    async query(sql: string): Promise<Row[]> {
      return warehouse().query({ sql, params: {} });
    },
    async execute(sql: string): Promise<number> {
      return warehouse().execute({ sql, params: {} });
    },
    async count(sql: string): Promise<number> {
      const rows = await this.query(sql);
      return Number(Object.values(rows[0] ?? {})[0]);
    },
    /** A batch's staging: its tables, and its players' slices of the shared table (named as tables). */
    async stagingTables(batchId: string): Promise<string[]> {
      const rows = await this.query(
        `SELECT table_name FROM information_schema.tables WHERE starts_with(table_name, '${stagingPrefix(batchId)}')
UNION SELECT '${stagingPrefix(batchId)}' || player_lookup FROM staged_predictions WHERE batch_id = '${batchId}'
ORDER BY table_name`,
      );
      return rows.map((r) => String(r.table_name));
    },
    /** A table's columns; for a player's slice of the shared staging table, the staged ones. */
    async columnsOf(table: string): Promise<string[]> {
      const named = async (name: string) =>
        (
          await this.query(
            `SELECT column_name FROM information_schema.columns WHERE table_name = '${name}' ORDER BY ordinal_position`,
          )
        ).map((r) => String(r.column_name));
      const columns = await named(table);
      if (columns.length > 0 || !batchOfStagingTable(table)) return columns;
      return (await named('staged_predictions')).filter((c) => !SLICE_COLUMNS.includes(c));
    },
    /**
     * What to read a staging name (from stagingTables) FROM: its table, or the player's
     * newest write in the shared staging table.
     */
    async stagedFrom(table: string): Promise<string> {
      const tables = await this.query(
        `SELECT 1 FROM information_schema.tables WHERE table_name = '${table}'`,
      );
      if (tables.length > 0) return `"${table}"`;
      const batchId = batchOfStagingTable(table) ?? '';
      const player = table.slice(stagingPrefix(batchId).length);
      return `(SELECT * EXCLUDE (${SLICE_COLUMNS.join(', ')}) FROM staged_predictions
  WHERE batch_id = '${batchId}' AND player_lookup = '${player}'
  QUALIFY write_seq = MAX(write_seq) OVER ())`;
    },
    /**
     * A worker writing the warehouse directly: a table named `_staging_<batch>_<suffix>`
     * with the staging columns, as stagePredictions would have written it.
     */
    async writeStagingDirectly(
      batchId: string,
      suffix: string,
      gameDate: string,
      predictions: readonly Record<string, unknown>[],
    ): Promise<string> {
      const player = String(predictions[0]?.playerLookup);
      const { rows, problems } = validatePredictions(predictions, {
        gameDate,
        playerLookup: player,
        stagedAt: t.app.get(Clock).now().toISOString(),
      });
      assert.deepEqual(problems, []);
      const table = stagingTableName(batchId, suffix);
      await warehouse().replaceTable(stagingTableDefinition(table), rows);
      return table;
    },
    /** Active rows of a date with more than one active row per business key (NULL line is a value). */
    async duplicateKeys(gameDate: string): Promise<number> {
      return this.count(`SELECT count(*) FROM (
        SELECT game_id, player_lookup, system_id, current_points_line FROM player_prop_predictions
        WHERE game_date = DATE '${gameDate}' AND is_active
        GROUP BY ALL HAVING count(*) > 1)`);
    },
    async activeRows(gameDate: string): Promise<number> {
      return this.count(
        `SELECT count(*) FROM player_prop_predictions WHERE game_date = DATE '${gameDate}' AND is_active`,
      );
    },
    batches(): BatchService {
      return t.app.get(BatchService);
    },
  };
}

export type ConsolidationApi = ReturnType<typeof consolidationApi>;

/** A suite's app on a frozen clock, started before its tests and closed after them. */
export interface Scenario {
  readonly t: TestApp;
  readonly api: ConsolidationApi;
  readonly clock: FrozenClock;
}

export function consolidationScenario(
  options: { env?: Record<string, string>; clock?: FrozenClock } = {},
): Scenario {
  const state = {} as { t: TestApp; api: ConsolidationApi; clock: FrozenClock };
  before(async () => {
    state.clock = options.clock ?? new FrozenClock();
    state.t = await startTestApp({ clock: state.clock, env: options.env ?? {} });
    state.api = consolidationApi(state.t);
  });
  after(async () => state.t.close());
  return state;
}
