import { Injectable } from '@nestjs/common';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import type { Row } from '../warehouse/sql/statement';
import { AFTER_IMAGE_OWED, PREDICTIONS_TABLE, SNAPSHOTS_TABLE } from '../warehouse/tables';
import { WarehouseClient } from '../warehouse/warehouse-client';

export interface PageCursor {
  readonly playerLookup: string;
  readonly systemId: string;
  readonly predictionId: string;
}

export interface PredictionFilter {
  readonly gameDate: string;
  readonly playerLookup?: string | null;
  readonly systemId?: string | null;
  readonly activeOnly: boolean;
}

export interface SummaryFigures {
  readonly predictions: number;
  readonly players: number;
  readonly duplicateKeys: number;
  readonly lastUpdatedAt: string | null;
  readonly bySystem: { systemId: string; predictions: number; players: number }[];
}

const COLUMNS = PREDICTIONS_TABLE.columns.map((c) => c.name);

/** Reads of the target table; every one is confined to one game date's partition. */
@Injectable()
export class PredictionsRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  /** One page in a stable order (player, system, prediction id), after a cursor. */
  async page(filter: PredictionFilter, first: number, after?: PageCursor): Promise<Row[]> {
    const sql = this.builder();
    const where = this.where(sql, filter);
    if (after) {
      const p = sql.param(after.playerLookup, 'STRING');
      const s = sql.param(after.systemId, 'STRING');
      const id = sql.param(after.predictionId, 'STRING');
      where.push(
        `(player_lookup > ${p} OR (player_lookup = ${p} AND (system_id > ${s} OR (system_id = ${s} AND prediction_id > ${id}))))`,
      );
    }
    return this.warehouse.query(
      sql.build(
        `SELECT ${this.warehouse.dialect.columnList(COLUMNS)} FROM ${sql.table(PREDICTIONS_TABLE.name)}
WHERE ${where.join(' AND ')}
ORDER BY player_lookup, system_id, prediction_id
LIMIT ${sql.param(first, 'INT64')}`,
        { job: { operation: 'predictions_page', gameDate: filter.gameDate } },
      ),
    );
  }

  async count(filter: PredictionFilter): Promise<number> {
    const sql = this.builder();
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT COUNT(*) AS n FROM ${sql.table(PREDICTIONS_TABLE.name)} WHERE ${this.where(sql, filter).join(' AND ')}`,
        { job: { operation: 'predictions_count', gameDate: filter.gameDate } },
      ),
    );
    return Number(rows[0]?.n ?? 0);
  }

  async summary(gameDate: string, businessKey: readonly string[]): Promise<SummaryFigures> {
    const sql = this.builder();
    const dialect = this.warehouse.dialect;
    const key = dialect.columnList(businessKey);
    const active = `SELECT * FROM ${sql.table(PREDICTIONS_TABLE.name)} WHERE game_date = ${dialect.dateLiteral(gameDate)} AND is_active`;
    const rows = await this.warehouse.query(
      sql.build(
        `WITH a AS (${active})
SELECT 'total' AS kind, ${dialect.nullOf('STRING')} AS system_id, COUNT(*) AS predictions, COUNT(DISTINCT player_lookup) AS players,
  (SELECT COUNT(*) FROM (SELECT ${key} FROM a GROUP BY ${key} HAVING COUNT(*) > 1) AS d) AS duplicate_keys,
  MAX(COALESCE(updated_at, created_at)) AS last_updated_at
FROM a
UNION ALL
SELECT 'system', system_id, COUNT(*), COUNT(DISTINCT player_lookup), 0, MAX(COALESCE(updated_at, created_at))
FROM a GROUP BY system_id`,
        { job: { operation: 'prediction_summary', gameDate } },
      ),
    );
    const total = rows.find((r) => r.kind === 'total');
    return {
      predictions: Number(total?.predictions ?? 0),
      players: Number(total?.players ?? 0),
      duplicateKeys: Number(total?.duplicate_keys ?? 0),
      lastUpdatedAt: typeof total?.last_updated_at === 'string' ? total.last_updated_at : null,
      bySystem: rows
        .filter((r) => r.kind === 'system')
        .map((r) => ({
          systemId: String(r.system_id),
          predictions: Number(r.predictions),
          players: Number(r.players),
        }))
        .sort((a, b) => a.systemId.localeCompare(b.systemId)),
    };
  }

  async activePlayers(gameDate: string): Promise<Set<string>> {
    const sql = this.builder();
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT DISTINCT player_lookup FROM ${sql.table(PREDICTIONS_TABLE.name)}
WHERE game_date = ${this.warehouse.dialect.dateLiteral(gameDate)} AND is_active`,
        { job: { operation: 'active_players', gameDate } },
      ),
    );
    return new Set(rows.map((r) => String(r.player_lookup)));
  }

  /**
   * The latest snapshot of the date taken at or before an instant (engines without time
   * travel), found by the snapshots' marker rows. `owed` when it is a run's after-image that
   * was never written (the process stopped between the MERGE's commit and the image: the
   * marker written in the MERGE's transaction is still there).
   */
  async snapshotAsOf(
    gameDate: string,
    asOf: string,
  ): Promise<{ id: string; at: string; owed: boolean } | undefined> {
    const sql = this.builder();
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT snapshot_id, snapshot_at, snapshot_reason = ${sql.param(AFTER_IMAGE_OWED, 'STRING')} AS owed
FROM ${sql.table(SNAPSHOTS_TABLE.name)}
WHERE game_date = ${this.warehouse.dialect.dateLiteral(gameDate)} AND prediction_id IS NULL AND snapshot_at <= ${sql.param(asOf, 'TIMESTAMP')}
ORDER BY snapshot_at DESC, snapshot_id DESC LIMIT 1`,
        { job: { operation: 'snapshot_as_of', gameDate } },
      ),
    );
    const row = rows[0];
    return row
      ? { id: String(row.snapshot_id), at: String(row.snapshot_at), owed: row.owed === true }
      : undefined;
  }

  private where(sql: SqlBuilder, filter: PredictionFilter): string[] {
    const where = [`game_date = ${this.warehouse.dialect.dateLiteral(filter.gameDate)}`];
    if (filter.activeOnly) where.push('is_active');
    if (filter.playerLookup)
      where.push(`player_lookup = ${sql.param(filter.playerLookup, 'STRING')}`);
    if (filter.systemId) where.push(`system_id = ${sql.param(filter.systemId, 'STRING')}`);
    return where;
  }

  private builder(): SqlBuilder {
    return new SqlBuilder(this.warehouse.dialect);
  }
}
