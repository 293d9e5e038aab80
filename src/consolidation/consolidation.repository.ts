import { Injectable } from '@nestjs/common';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import type { JobKey, Row, Statement } from '../warehouse/sql/statement';
import { AFTER_IMAGE_OWED, PREDICTIONS_TABLE, SNAPSHOTS_TABLE } from '../warehouse/tables';
import { WarehouseClient, type TransactionStep } from '../warehouse/warehouse-client';
import {
  combineSteps,
  consumedWritesDelete,
  inlineSource,
  figuresQuery,
  mergeStatement,
  verificationCheck,
  type ColumnPlan,
  type MergeShape,
} from './merge-plan';
import { ConsolidationFailure } from './consolidation-run';
import type { StagedColumn, StagingTable } from './staging-catalog.repository';

/** The names of the MERGE transaction's checks (WarehouseError.check when one fails). */
export const MERGE_CHECK = 'merge_count';
export const VERIFY_CHECK = 'verify';

export interface MergeFigures {
  readonly rowsStaged: number;
  readonly rowsUnique: number;
  /** Unique staged rows older than the version the target holds: left out of the MERGE. */
  readonly rowsStale: number;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
  readonly rowsDeactivated: number;
}

export interface MergeRequest {
  readonly gameDate: string;
  readonly combineTable: string;
  /** Set by `combine` when the staged rows are read in place instead of from the combine table. */
  readonly source?: string;
  readonly plan: ColumnPlan;
  readonly businessKey: readonly string[];
  readonly deactivate: boolean;
  readonly now: string;
  readonly job: JobKey;
}

/** The statements of one consolidation, each built in merge-plan and run here. */
@Injectable()
export class ConsolidationRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  async targetColumns(): Promise<StagedColumn[]> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const param = sql.named('table_name', PREDICTIONS_TABLE.name, 'STRING');
    const rows = await this.warehouse.query(
      sql.build(this.warehouse.dialect.listColumns(param), {
        job: { operation: 'target_columns' },
      }),
    );
    return rows.map((r) => ({ name: String(r.column_name), dataType: String(r.data_type) }));
  }

  async addTargetColumns(columns: readonly StagedColumn[]): Promise<void> {
    const dialect = this.warehouse.dialect;
    for (const c of columns) {
      await this.warehouse.execute({
        sql: `ALTER TABLE ${dialect.table(PREDICTIONS_TABLE.name)} ADD COLUMN IF NOT EXISTS ${dialect.quoteIdentifier(c.name)} ${c.dataType}`,
        params: {},
        job: { operation: 'append_column' },
      });
    }
  }

  /** Keeps the date's rows as they are now, where the engine has no time travel. */
  async snapshotDate(
    gameDate: string,
    snapshotId: string,
    reason: string,
    at: string,
    job: JobKey,
  ): Promise<number> {
    if (this.warehouse.dialect.hasTimeTravel) return 0;
    const written = await this.warehouse.execute(
      this.snapshotStatement(gameDate, snapshotId, reason, at, job, true),
    );
    return written - 1;
  }

  /**
   * A step of the MERGE's transaction that marks the run's after-image as owed (a marker
   * row only, not the date's rows): if the process stops before `keepAfterImage` writes
   * it, restorePredictions knows the state after the MERGE was not kept and says so,
   * instead of taking the state before it. Undefined where the engine has time travel.
   */
  afterImageOwed(
    gameDate: string,
    snapshotId: string,
    at: string,
    job: JobKey,
  ): TransactionStep | undefined {
    if (this.warehouse.dialect.hasTimeTravel) return undefined;
    const statement = this.snapshotStatement(
      gameDate,
      snapshotId,
      AFTER_IMAGE_OWED,
      at,
      job,
      false,
    );
    return { kind: 'write', statement };
  }

  /**
   * Writes a run's owed after-image: the date's rows now, as of `at` (the MERGE's commit).
   * Fenced by the run's lease, which it still holds: while the fence holds, nothing the
   * service runs has changed the date since the commit, so the rows are exactly the state
   * the MERGE left, and it replaces the owed marker. A lost lease writes nothing (the image
   * stays owed).
   */
  async keepAfterImage(
    gameDate: string,
    snapshotId: string,
    at: string,
    job: JobKey,
    fence: TransactionStep,
  ): Promise<void> {
    const dialect = this.warehouse.dialect;
    if (dialect.hasTimeTravel) return;
    const image = this.snapshotStatement(gameDate, snapshotId, 'after_merge', at, job, true);
    const sql = new SqlBuilder(dialect);
    // The image replaces the marker that said it was owed.
    const paid = sql.build(
      `DELETE FROM ${sql.table(SNAPSHOTS_TABLE.name)}
WHERE game_date = ${dialect.dateLiteral(gameDate)} AND snapshot_id = ${sql.param(snapshotId, 'STRING')} AND snapshot_reason = ${sql.param(AFTER_IMAGE_OWED, 'STRING')}`,
      { job: { ...job, operation: 'snapshot' } },
    );
    await this.warehouse.transaction(
      [fence, { kind: 'write', statement: image }, { kind: 'write', statement: paid }],
      { ...job, operation: 'snapshot' },
    );
  }

  /** The date's rows (or none) as one snapshot, with its marker row (prediction_id NULL). */
  private snapshotStatement(
    gameDate: string,
    snapshotId: string,
    reason: string,
    at: string,
    job: JobKey,
    withRows: boolean,
  ): Statement {
    const dialect = this.warehouse.dialect;
    const sql = new SqlBuilder(dialect);
    const columns = PREDICTIONS_TABLE.columns.map((c) => c.name);
    const id = sql.param(snapshotId, 'STRING');
    const time = sql.param(at, 'TIMESTAMP');
    const why = sql.param(reason, 'STRING');
    const date = dialect.dateLiteral(gameDate);
    const marker = PREDICTIONS_TABLE.columns.map((c) =>
      c.name === 'game_date' ? date : dialect.nullOf(c.type, c.mode === 'REPEATED'),
    );
    const rows = withRows
      ? `SELECT ${id}, ${time}, ${why}, ${dialect.columnList(columns)}
FROM ${sql.table(PREDICTIONS_TABLE.name)} WHERE game_date = ${date}
UNION ALL `
      : '';
    return sql.build(
      `INSERT INTO ${sql.table(SNAPSHOTS_TABLE.name)} (snapshot_id, snapshot_at, snapshot_reason, ${dialect.columnList(columns)})
${rows}SELECT ${id}, ${time}, ${why}, ${marker.join(', ')}`,
      { job: { ...job, operation: 'snapshot' } },
    );
  }

  /**
   * Deletes snapshots older than the cutoff, except each date's newest one before it: that
   * one is the date's state at the cutoff, which restoring as of any later instant may
   * need. Returns rows deleted; nothing to do where the engine has time travel.
   */
  async pruneSnapshots(cutoff: string): Promise<number> {
    const dialect = this.warehouse.dialect;
    if (dialect.hasTimeTravel) return 0;
    const sql = new SqlBuilder(dialect);
    const before = sql.param(cutoff, 'TIMESTAMP');
    const snapshots = sql.table(SNAPSHOTS_TABLE.name);
    return this.warehouse.execute(
      sql.build(
        `DELETE FROM ${snapshots} AS s
WHERE s.snapshot_at < ${before}
  AND s.snapshot_at < (SELECT MAX(k.snapshot_at) FROM ${snapshots} AS k WHERE k.game_date = s.game_date AND k.snapshot_at < ${before})`,
        { job: { operation: 'prune_snapshots' } },
      ),
    );
  }

  /**
   * The staged rows for the MERGE: slices alone are read in place (the request comes back
   * with `source` set); otherwise they are combined into the combine table, its parts two at
   * a time (each is mostly per-table setup, one core each), then the rest.
   */
  async combine(request: MergeRequest, staging: readonly StagingTable[]): Promise<MergeRequest> {
    const inline = inlineSource(this.warehouse.dialect, staging, request.plan);
    if (inline) return { ...request, source: inline };
    const steps = combineSteps(this.warehouse.dialect, request.combineTable, staging, request.plan);
    const run = (sql: string, i: number) =>
      this.warehouse.execute({
        sql,
        params: {},
        job: { ...request.job, operation: `combine_${i}` },
      });
    const queue = steps.parts.map((sql, i) => () => run(sql, i));
    const worker = async () => {
      try {
        for (let next = queue.shift(); next; next = queue.shift()) await next();
      } catch (error) {
        queue.length = 0; // the other worker stops too
        throw error;
      }
    };
    const settled = await Promise.allSettled([worker(), worker()]);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const [i, sql] of steps.finish.entries()) await run(sql, steps.parts.length + i);
    return request;
  }

  async figures(request: MergeRequest): Promise<MergeFigures> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const rows = await this.warehouse.query(
      sql.build(figuresQuery(this.shape(request, sql)), {
        job: { ...request.job, operation: 'merge_figures' },
        costly: true,
      }),
    );
    const row = rows[0] ?? {};
    refuseInexact(request.plan, row);
    return {
      rowsStaged: Number(row.rows_staged ?? 0),
      rowsUnique: Number(row.rows_unique ?? 0),
      rowsStale: Number(row.rows_stale ?? 0),
      rowsInserted: Number(row.rows_inserted ?? 0),
      rowsUpdated: Number(row.rows_updated ?? 0),
      rowsDeactivated: Number(row.rows_deactivated ?? 0),
    };
  }

  /**
   * The MERGE, committed in one transaction with `fence` (the run still holds its lease)
   * before it, two checks after it (it changed exactly the `planned` rows; every staged key
   * has exactly one active row), then the delete of the writes it merged and, where the
   * engine has no time travel, the marker of the after-image it owes. A failed check
   * rolls everything back (a WarehouseError of kind 'check_failed' naming the check): the
   * target and the staging are as they were.
   */
  async commitMerge(
    request: MergeRequest,
    fence: TransactionStep,
    planned: number,
    staging: readonly StagingTable[],
    owed?: TransactionStep,
  ): Promise<void> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const merge = sql.build(mergeStatement(this.shape(request, sql, true)), {
      job: { ...request.job, operation: 'merge' },
      costly: true,
    });
    const check = new SqlBuilder(this.warehouse.dialect);
    const verify = check.build(verificationCheck(this.shape(request, check)), {
      job: { ...request.job, operation: 'verify' },
      costly: true,
    });
    const consumed = consumedWritesDelete(this.warehouse.dialect, staging);
    await this.warehouse.transaction(
      [
        fence,
        { kind: 'write', statement: merge, expectChanged: planned, check: MERGE_CHECK },
        { kind: 'check', statement: verify, check: VERIFY_CHECK },
        ...(consumed
          ? [
              {
                kind: 'write' as const,
                statement: {
                  sql: consumed,
                  params: {},
                  job: { ...request.job, operation: 'drop_staging' },
                },
              },
            ]
          : []),
        ...(owed ? [owed] : []),
      ],
      { ...request.job, operation: 'merge' },
    );
  }

  /** Players among these that have active rows for the date. */
  async playersWithRows(gameDate: string, players: readonly string[]): Promise<Set<string>> {
    if (players.length === 0) return new Set();
    const dialect = this.warehouse.dialect;
    const sql = new SqlBuilder(dialect);
    const list = sql.param([...players], 'STRING', true);
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT DISTINCT player_lookup FROM ${sql.table(PREDICTIONS_TABLE.name)}
WHERE game_date = ${dialect.dateLiteral(gameDate)} AND is_active AND ${dialect.inArray('player_lookup', list)}`,
        { job: { operation: 'players_with_rows', gameDate } },
      ),
    );
    return new Set(rows.map((r) => String(r.player_lookup)));
  }

  /** Only the MERGE uses the run's timestamp; an unused parameter is an error on some engines. */
  private shape(request: MergeRequest, sql: SqlBuilder, withNow = false): MergeShape {
    return {
      dialect: this.warehouse.dialect,
      gameDate: request.gameDate,
      source: request.source ?? this.warehouse.dialect.table(request.combineTable),
      plan: request.plan,
      businessKey: request.businessKey,
      deactivate: request.deactivate,
      nowRef: withNow ? sql.param(request.now, 'TIMESTAMP') : 'NULL',
    };
  }
}

/**
 * Staged values a NUMERIC column cannot hold exactly (a worker's own table with FLOAT64
 * lines): the MERGE would round them, merging distinct lines, so the run stops first.
 */
function refuseInexact(plan: ColumnPlan, row: Row): void {
  const found = plan.narrowed
    .map((c, i) => ({
      ...c,
      rows: Number(row[`inexact_${i}`] ?? 0),
      example: row[`inexact_example_${i}`],
    }))
    .filter((c) => c.rows > 0);
  if (found.length === 0) return;
  const what = found.map(
    (c) =>
      `${c.name} (NUMERIC(${c.precision},${c.scale}), scale ${c.scale}): ${c.rows} row(s), e.g. prediction ${String(c.example)}`,
  );
  throw new ConsolidationFailure(
    `staged values finer than their column's scale or outside its precision; nothing was merged or rounded: ${what.join('; ')}. Fix the worker's staging table.`,
    'figures',
  );
}
