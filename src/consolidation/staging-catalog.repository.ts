import { Injectable } from '@nestjs/common';
import { parseBatchId } from '../batch/batch-events';
import {
  batchOfStagingTable,
  STAGING_PREFIX,
  stagingTableName,
} from '../warehouse/sql/identifiers';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import { STAGED_ROWS_TABLE } from '../warehouse/tables';
import { SLICE_COLUMNS } from '../warehouse/tables/staged-rows.table';
import { WarehouseClient, type TableInfo } from '../warehouse/warehouse-client';

export interface StagedColumn {
  readonly name: string;
  readonly dataType: string;
}

/** A player's newest write in the shared staging table (see STAGED_ROWS_TABLE). */
export interface StagedSlice {
  readonly playerLookup: string;
  readonly writeSeq: number;
}

/**
 * One player's staging: its newest write in the shared staging table (`slice`), named as
 * its table would be, or a table of its own (`_staging_<batch>_<player>`: made by a worker
 * that writes the warehouse itself, or left by a version that staged in tables).
 */
export interface StagingTable {
  readonly name: string;
  readonly batchId: string;
  readonly columns: readonly StagedColumn[];
  readonly slice?: StagedSlice;
}

const DROP_CHUNK = 200;

/**
 * Finds and drops staging. Workers' writes are slices of one shared table, found by one
 * query of the date's partition. Staging tables of their own (a worker that writes the
 * warehouse itself, a dataset left by a version that staged in tables) are found in the
 * engine's metadata: on BigQuery the tables API, which is no query job.
 */
@Injectable()
export class StagingCatalogRepository {
  private sharedColumns: StagedColumn[] | undefined;

  constructor(private readonly warehouse: WarehouseClient) {}

  /** Every slice and staging table of these batches (of one game date), with its columns. */
  async tablesOf(batchIds: readonly string[]): Promise<StagingTable[]> {
    const own = (await this.ownTables())
      .filter((t) => batchIds.includes(t.batchId))
      .map(({ name, batchId, columns }) => ({ name, batchId, columns }));
    return [...own, ...(await this.slicesOf(batchIds))];
  }

  /** Each staging table's version (it changes when a worker replaces the table). */
  async versionsOf(tables: readonly StagingTable[]): Promise<Map<string, string>> {
    const names = new Set(tables.filter((t) => !t.slice).map((t) => t.name));
    if (names.size === 0) return new Map();
    return new Map(
      (await this.ownTables()).filter((t) => names.has(t.name)).map((t) => [t.name, t.version]),
    );
  }

  /**
   * When the player's staging in these batches was last written (milliseconds), undefined
   * when it has none; a table whose creation time the engine does not keep counts as new.
   */
  async lastStagedAt(
    batchIds: readonly string[],
    playerLookup: string,
  ): Promise<number | undefined> {
    const names = new Set(batchIds.map((b) => stagingTableName(b, playerLookup)));
    const times = (await this.ownTables())
      .filter((t) => names.has(t.name))
      .map((t) => (t.createdAt ? Date.parse(t.createdAt) : Number.POSITIVE_INFINITY));
    const gameDate = batchIds[0] ? parseBatchId(batchIds[0])?.gameDate : undefined;
    if (gameDate) {
      const dialect = this.warehouse.dialect;
      const sql = new SqlBuilder(dialect);
      const ids = sql.param([...batchIds], 'STRING', true);
      const player = sql.param(playerLookup, 'STRING');
      const rows = await this.warehouse.query(
        sql.build(
          `SELECT MAX(staged_at) AS staged_at FROM ${sql.table(STAGED_ROWS_TABLE.name)}
WHERE game_date = ${dialect.dateLiteral(gameDate)} AND ${dialect.inArray('batch_id', ids)} AND player_lookup = ${player}`,
          { job: { operation: 'staged_time', gameDate } },
        ),
      );
      const staged = rows[0]?.staged_at;
      if (typeof staged === 'string') times.push(Date.parse(staged));
    }
    return times.length > 0 ? Math.max(...times) : undefined;
  }

  /** How many players' staging each batch has, whatever its state (for the orphan sweep). */
  async stagingByBatch(): Promise<Map<string, number>> {
    const byBatch = new Map<string, number>();
    const count = (batchId: string, n: number) =>
      byBatch.set(batchId, (byBatch.get(batchId) ?? 0) + n);
    for (const table of await this.ownTables()) count(table.batchId, 1);
    const sql = new SqlBuilder(this.warehouse.dialect);
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT batch_id, COUNT(DISTINCT player_lookup) AS players FROM ${sql.table(STAGED_ROWS_TABLE.name)} GROUP BY batch_id`,
        { job: { operation: 'staged_batches' } },
      ),
    );
    for (const row of rows) count(String(row.batch_id), Number(row.players));
    return byBatch;
  }

  /** Names of the tables whose name starts with the prefix. */
  async tableNames(prefix: string): Promise<string[]> {
    return (await this.warehouse.tablesWithPrefix(prefix)).map((t) => t.name);
  }

  async drop(tableNames: readonly string[], operation = 'drop_tables'): Promise<void> {
    for (let i = 0; i < tableNames.length; i += DROP_CHUNK) {
      await this.warehouse.execute({
        sql: this.warehouse.dialect.dropTablesIfExist(tableNames.slice(i, i + DROP_CHUNK)),
        params: {},
        job: { operation },
      });
    }
  }

  /** Drops consolidated staging tables of their own (slices go inside the MERGE's transaction). */
  async dropStaging(staging: readonly StagingTable[]): Promise<void> {
    await this.drop(
      staging.filter((t) => !t.slice).map((t) => t.name),
      'drop_staging',
    );
  }

  /** Staging tables of their own, with the batch each belongs to. */
  private async ownTables(): Promise<(TableInfo & { batchId: string })[]> {
    return (await this.warehouse.tablesWithPrefix(STAGING_PREFIX)).flatMap((table) => {
      const batchId = batchOfStagingTable(table.name);
      return batchId ? [{ ...table, batchId }] : [];
    });
  }

  /** Players' newest writes in the shared staging table: one query of the date's partition. */
  private async slicesOf(batchIds: readonly string[]): Promise<StagingTable[]> {
    const gameDate = batchIds[0] ? parseBatchId(batchIds[0])?.gameDate : undefined;
    if (!gameDate) return [];
    const dialect = this.warehouse.dialect;
    const sql = new SqlBuilder(dialect);
    const ids = sql.param([...batchIds], 'STRING', true);
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT batch_id, player_lookup, MAX(write_seq) AS write_seq FROM ${sql.table(STAGED_ROWS_TABLE.name)}
WHERE game_date = ${dialect.dateLiteral(gameDate)} AND ${dialect.inArray('batch_id', ids)}
GROUP BY batch_id, player_lookup ORDER BY batch_id, player_lookup`,
        { job: { operation: 'staged_slices', gameDate } },
      ),
    );
    if (rows.length === 0) return [];
    const columns = await this.columnsOfShared();
    return rows.map((row) => {
      const batchId = String(row.batch_id);
      const playerLookup = String(row.player_lookup);
      return {
        name: stagingTableName(batchId, playerLookup),
        batchId,
        columns,
        slice: { playerLookup, writeSeq: Number(row.write_seq) },
      };
    });
  }

  /** The shared table's staged columns as the engine reports them (read once; bookkeeping left out). */
  private async columnsOfShared(): Promise<StagedColumn[]> {
    if (!this.sharedColumns) {
      const sql = new SqlBuilder(this.warehouse.dialect);
      const param = sql.named('table_name', STAGED_ROWS_TABLE.name, 'STRING');
      const rows = await this.warehouse.query(
        sql.build(this.warehouse.dialect.listColumns(param), {
          job: { operation: 'staged_columns' },
        }),
      );
      this.sharedColumns = rows
        .map((r) => ({ name: String(r.column_name), dataType: String(r.data_type) }))
        .filter((c) => !SLICE_COLUMNS.includes(c.name));
    }
    return this.sharedColumns;
  }
}
