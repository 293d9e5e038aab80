import { Injectable } from '@nestjs/common';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import { PREDICTIONS_TABLE, SNAPSHOTS_TABLE } from '../warehouse/tables';
import { WarehouseClient, type TransactionStep } from '../warehouse/warehouse-client';

/** Where the rows as of an instant come from: time travel, or a snapshot the service kept. */
export type RestoreSource =
  { readonly kind: 'time_travel' } | { readonly kind: 'snapshot'; readonly snapshotId: string };

export interface RestoreFigures {
  readonly rowsNow: number;
  readonly rowsAsOf: number;
  /** Rows as of the instant whose prediction id has no row now: put back. */
  readonly rowsToInsert: number;
  /** Rows now whose prediction id has a row as of the instant with other values: overwritten. */
  readonly rowsToUpdate: number;
  /** Rows now whose prediction id has no row as of the instant: deleted. */
  readonly rowsToDelete: number;
  /** Rows now identical to their row as of the instant. */
  readonly rowsUnchanged: number;
}

const COLUMNS = PREDICTIONS_TABLE.columns.map((c) => c.name);

/** Puts one game date's rows back as they were at an instant, in one MERGE. */
@Injectable()
export class RestoreRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  get hasTimeTravel(): boolean {
    return this.warehouse.dialect.hasTimeTravel;
  }

  /** What the restore would do, row by row (rows are paired by prediction id). */
  async figures(gameDate: string, asOf: string, source: RestoreSource): Promise<RestoreFigures> {
    const dialect = this.warehouse.dialect;
    const sql = new SqlBuilder(dialect);
    const now = this.current(gameDate);
    const then = this.asOf(sql, gameDate, asOf, source);
    const same = 'S.prediction_id = T.prediction_id';
    const rows = await this.warehouse.query(
      sql.build(
        `WITH now_rows AS (${now}), then_rows AS (${then}),
now_text AS (SELECT N.prediction_id, ${dialect.rowText('N')} AS row_text FROM now_rows AS N),
then_text AS (SELECT A.prediction_id, ${dialect.rowText('A')} AS row_text FROM then_rows AS A)
SELECT (SELECT COUNT(*) FROM now_text) AS rows_now,
  (SELECT COUNT(*) FROM then_text) AS rows_as_of,
  (SELECT COUNT(*) FROM then_text AS S WHERE NOT EXISTS (SELECT 1 FROM now_text AS T WHERE ${same})) AS rows_to_insert,
  (SELECT COUNT(*) FROM now_text AS T WHERE NOT EXISTS (SELECT 1 FROM then_text AS S WHERE ${same})) AS rows_to_delete,
  (SELECT COUNT(*) FROM now_text AS T WHERE EXISTS (SELECT 1 FROM then_text AS S WHERE ${same})
     AND NOT EXISTS (SELECT 1 FROM then_text AS S WHERE ${same} AND S.row_text = T.row_text)) AS rows_to_update`,
        { job: { operation: 'restore_figures', gameDate }, costly: true },
      ),
    );
    const n = (name: string) => Number(rows[0]?.[name] ?? 0);
    const figures = {
      rowsNow: n('rows_now'),
      rowsAsOf: n('rows_as_of'),
      rowsToInsert: n('rows_to_insert'),
      rowsToUpdate: n('rows_to_update'),
      rowsToDelete: n('rows_to_delete'),
    };
    return {
      ...figures,
      rowsUnchanged: figures.rowsNow - figures.rowsToDelete - figures.rowsToUpdate,
    };
  }

  /**
   * The date's rows become exactly the rows as of the instant; other dates are untouched.
   * One transaction whose first step is `fence` (the date's lease is still ours), so a
   * restore commits nothing once a consolidation or repair has taken the date.
   */
  async restore(
    gameDate: string,
    asOf: string,
    source: RestoreSource,
    fence: TransactionStep,
  ): Promise<void> {
    const dialect = this.warehouse.dialect;
    const sql = new SqlBuilder(dialect);
    const q = (n: string) => dialect.quoteIdentifier(n);
    const date = dialect.dateLiteral(gameDate);
    const updates = COLUMNS.filter((c) => c !== 'prediction_id' && c !== 'game_date').map(
      (c) => `${q(c)} = S.${q(c)}`,
    );
    const merge = sql.build(
      `MERGE INTO ${sql.table(PREDICTIONS_TABLE.name)} AS T
USING (${this.asOf(sql, gameDate, asOf, source)}) AS S
ON T.game_date = ${date} AND T.prediction_id = S.prediction_id
WHEN MATCHED THEN
  UPDATE SET ${updates.join(', ')}
WHEN NOT MATCHED THEN
  INSERT (${dialect.columnList(COLUMNS)}) VALUES (${COLUMNS.map((c) => `S.${q(c)}`).join(', ')})
WHEN NOT MATCHED BY SOURCE AND T.game_date = ${date} THEN DELETE`,
      { job: { operation: 'restore', gameDate }, costly: true },
    );
    await this.warehouse.transaction([fence, { kind: 'write', statement: merge }], {
      operation: 'restore',
      gameDate,
    });
  }

  private current(gameDate: string): string {
    const dialect = this.warehouse.dialect;
    return `SELECT ${dialect.columnList(COLUMNS)} FROM ${dialect.table(PREDICTIONS_TABLE.name)} WHERE game_date = ${dialect.dateLiteral(gameDate)}`;
  }

  private asOf(sql: SqlBuilder, gameDate: string, asOf: string, source: RestoreSource): string {
    const dialect = this.warehouse.dialect;
    const date = dialect.dateLiteral(gameDate);
    if (source.kind === 'time_travel') {
      const at = sql.param(asOf, 'TIMESTAMP');
      return `SELECT ${dialect.columnList(COLUMNS)} FROM ${dialect.timeTravel(PREDICTIONS_TABLE.name, at)} WHERE game_date = ${date}`;
    }
    return `SELECT ${dialect.columnList(COLUMNS)} FROM ${dialect.table(SNAPSHOTS_TABLE.name)}
WHERE game_date = ${date} AND snapshot_id = ${sql.param(source.snapshotId, 'STRING')} AND prediction_id IS NOT NULL`;
  }
}
