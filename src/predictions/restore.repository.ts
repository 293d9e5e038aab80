import { Injectable } from '@nestjs/common';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import { PREDICTIONS_TABLE, SNAPSHOTS_TABLE } from '../warehouse/tables';
import { WarehouseClient } from '../warehouse/warehouse-client';

/** Where the rows as of an instant come from: time travel, or a snapshot the service kept. */
export type RestoreSource =
  { readonly kind: 'time_travel' } | { readonly kind: 'snapshot'; readonly snapshotId: string };

export interface RestoreFigures {
  readonly rowsNow: number;
  readonly rowsAsOf: number;
  readonly rowsRestored: number;
}

const COLUMNS = PREDICTIONS_TABLE.columns.map((c) => c.name);

/** Puts one game date's rows back as they were at an instant, in one MERGE. */
@Injectable()
export class RestoreRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  get hasTimeTravel(): boolean {
    return this.warehouse.dialect.hasTimeTravel;
  }

  async figures(gameDate: string, asOf: string, source: RestoreSource): Promise<RestoreFigures> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const now = this.current(gameDate);
    const then = this.asOf(sql, gameDate, asOf, source);
    const rows = await this.warehouse.query(
      sql.build(
        `WITH now_rows AS (${now}), then_rows AS (${then})
SELECT (SELECT COUNT(*) FROM now_rows) AS rows_now,
  (SELECT COUNT(*) FROM then_rows) AS rows_as_of,
  (SELECT COUNT(*) FROM then_rows AS S WHERE NOT EXISTS (SELECT 1 FROM now_rows AS T WHERE T.prediction_id = S.prediction_id)) AS rows_restored`,
        { job: { operation: 'restore_figures', gameDate }, costly: true },
      ),
    );
    return {
      rowsNow: Number(rows[0]?.rows_now ?? 0),
      rowsAsOf: Number(rows[0]?.rows_as_of ?? 0),
      rowsRestored: Number(rows[0]?.rows_restored ?? 0),
    };
  }

  /** The date's rows become exactly the rows as of the instant; other dates are untouched. */
  async restore(gameDate: string, asOf: string, source: RestoreSource): Promise<number> {
    const dialect = this.warehouse.dialect;
    const sql = new SqlBuilder(dialect);
    const q = (n: string) => dialect.quoteIdentifier(n);
    const date = dialect.dateLiteral(gameDate);
    const updates = COLUMNS.filter((c) => c !== 'prediction_id' && c !== 'game_date').map(
      (c) => `${q(c)} = S.${q(c)}`,
    );
    return this.warehouse.execute(
      sql.build(
        `MERGE INTO ${sql.table(PREDICTIONS_TABLE.name)} AS T
USING (${this.asOf(sql, gameDate, asOf, source)}) AS S
ON T.game_date = ${date} AND T.prediction_id = S.prediction_id
WHEN MATCHED THEN
  UPDATE SET ${updates.join(', ')}
WHEN NOT MATCHED THEN
  INSERT (${dialect.columnList(COLUMNS)}) VALUES (${COLUMNS.map((c) => `S.${q(c)}`).join(', ')})
WHEN NOT MATCHED BY SOURCE AND T.game_date = ${date} THEN DELETE`,
        { job: { operation: 'restore', gameDate }, costly: true },
      ),
    );
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
