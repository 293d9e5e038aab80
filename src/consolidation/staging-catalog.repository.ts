import { Injectable } from '@nestjs/common';
import {
  batchOfStagingTable,
  STAGING_PREFIX,
  stagingPrefix,
  stagingTableName,
} from '../warehouse/sql/identifiers';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import { STAGED_ROWS_TABLE } from '../warehouse/tables';
import { SLICE_COLUMNS } from '../warehouse/tables/staged-rows.table';
import { WarehouseClient } from '../warehouse/warehouse-client';

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
 * One player's staging: a table of its own, or (with `slice`) its newest write in the shared
 * staging table, named as its table would be.
 */
export interface StagingTable {
  readonly name: string;
  readonly batchId: string;
  readonly columns: readonly StagedColumn[];
  readonly slice?: StagedSlice;
}

const DROP_CHUNK = 200;

/**
 * Finds and drops staging: tables under a batch's prefix (workers may also create them
 * directly) and, where the dialect stages in one shared table, players' slices of it.
 */
@Injectable()
export class StagingCatalogRepository {
  private sharedColumns: StagedColumn[] | undefined;

  constructor(private readonly warehouse: WarehouseClient) {}

  /** Every staging table and slice of these batches, with its columns. */
  async tablesOf(batchIds: readonly string[]): Promise<StagingTable[]> {
    const tables: StagingTable[] = [];
    for (const batchId of batchIds)
      tables.push(...(await this.tablesWithPrefix(stagingPrefix(batchId), batchId)));
    return [...tables, ...(await this.slicesOf(batchIds))];
  }

  /**
   * Each staging table's version (it changes when a worker replaces the table). Slices need
   * none: a write staged during a run has a higher number than the one merged, and stays.
   */
  async versionsOf(batchIds: readonly string[]): Promise<Map<string, string>> {
    const versions = new Map<string, string>();
    for (const batchId of batchIds) {
      const sql = new SqlBuilder(this.warehouse.dialect);
      const param = sql.named('prefix', stagingPrefix(batchId), 'STRING');
      const rows = await this.warehouse.query(
        sql.build(this.warehouse.dialect.listTables(param), {
          job: { operation: 'staging_versions', batchId },
        }),
      );
      for (const row of rows) {
        const table = String(row.table_name);
        if (batchOfStagingTable(table) === batchId) versions.set(table, String(row.version));
      }
    }
    return versions;
  }

  /**
   * When the player's staging in these batches was last written (epoch ms), undefined when
   * it has none. A table's time is its creation (a worker's rewrite replaces it); a slice's
   * is its staging time. A table whose engine keeps no creation time (DuckDB) counts as
   * written now: one run too many beats rows left waiting.
   */
  async lastStagedAt(
    batchIds: readonly string[],
    playerLookup: string,
  ): Promise<number | undefined> {
    const times: number[] = [];
    for (const batchId of batchIds) {
      const table = stagingTableName(batchId, playerLookup);
      const sql = new SqlBuilder(this.warehouse.dialect);
      const param = sql.named('prefix', table, 'STRING');
      const rows = await this.warehouse.query(
        sql.build(this.warehouse.dialect.listTables(param), {
          job: { operation: 'staging_time', batchId },
        }),
      );
      for (const row of rows.filter((r) => r.table_name === table)) {
        const created =
          typeof row.created_at === 'string' ? Date.parse(row.created_at) : Number.NaN;
        times.push(Number.isNaN(created) ? Number.POSITIVE_INFINITY : created);
      }
    }
    if (this.warehouse.dialect.sharedStaging && batchIds.length > 0) {
      const dialect = this.warehouse.dialect;
      const sql = new SqlBuilder(dialect);
      const ids = sql.param([...batchIds], 'STRING', true);
      const player = sql.param(playerLookup, 'STRING');
      const rows = await this.warehouse.query(
        sql.build(
          `SELECT MAX(staged_at) AS staged_at FROM ${sql.table(STAGED_ROWS_TABLE.name)}
WHERE ${dialect.inArray('batch_id', ids)} AND player_lookup = ${player}`,
          { job: { operation: 'staged_time' } },
        ),
      );
      const staged = rows[0]?.staged_at;
      if (typeof staged === 'string') times.push(Date.parse(staged));
    }
    return times.length > 0 ? Math.max(...times) : undefined;
  }

  /** How many staging tables and slices each batch has, whatever its state (for the orphan sweep). */
  async stagingByBatch(): Promise<Map<string, number>> {
    const byBatch = new Map<string, number>();
    const count = (batchId: string | undefined, n: number) => {
      if (batchId) byBatch.set(batchId, (byBatch.get(batchId) ?? 0) + n);
    };
    for (const name of await this.tableNames(STAGING_PREFIX)) count(batchOfStagingTable(name), 1);
    if (this.warehouse.dialect.sharedStaging) {
      const sql = new SqlBuilder(this.warehouse.dialect);
      const rows = await this.warehouse.query(
        sql.build(
          `SELECT batch_id, COUNT(DISTINCT player_lookup) AS players FROM ${sql.table(STAGED_ROWS_TABLE.name)} GROUP BY batch_id`,
          { job: { operation: 'staged_batches' } },
        ),
      );
      for (const row of rows) count(String(row.batch_id), Number(row.players));
    }
    return byBatch;
  }

  async tableNames(prefix: string): Promise<string[]> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const param = sql.named('prefix', prefix, 'STRING');
    const rows = await this.warehouse.query(
      sql.build(this.warehouse.dialect.listTables(param), { job: { operation: 'list_tables' } }),
    );
    return rows.map((r) => String(r.table_name));
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

  /**
   * Removes consolidated staging: tables are dropped; a slice's write and the player's
   * older writes are deleted, a newer write (staged during the run) stays.
   */
  async dropStaging(staging: readonly StagingTable[]): Promise<void> {
    await this.drop(
      staging.filter((t) => !t.slice).map((t) => t.name),
      'drop_staging',
    );
    const slices = staging.filter((t) => t.slice);
    if (slices.length === 0) return;
    // One statement: the lists are parameters, so no length limit applies.
    const sql = new SqlBuilder(this.warehouse.dialect);
    const batches = sql.param(
      slices.map((t) => t.batchId),
      'STRING',
      true,
    );
    const players = sql.param(
      slices.map((t) => t.slice?.playerLookup ?? ''),
      'STRING',
      true,
    );
    const writes = sql.param(
      slices.map((t) => String(t.slice?.writeSeq)),
      'STRING',
      true,
    );
    await this.warehouse.execute(
      sql.build(
        `DELETE FROM ${sql.table(STAGED_ROWS_TABLE.name)} AS s
USING (SELECT UNNEST(${batches}) AS batch_id, UNNEST(${players}) AS player_lookup, CAST(UNNEST(${writes}) AS BIGINT) AS write_seq) AS merged
WHERE s.batch_id = merged.batch_id AND s.player_lookup = merged.player_lookup AND s.write_seq <= merged.write_seq`,
        { job: { operation: 'drop_staging' } },
      ),
    );
  }

  /** Players' newest writes in the shared staging table (none where the dialect stages in tables). */
  private async slicesOf(batchIds: readonly string[]): Promise<StagingTable[]> {
    if (!this.warehouse.dialect.sharedStaging || batchIds.length === 0) return [];
    const dialect = this.warehouse.dialect;
    const sql = new SqlBuilder(dialect);
    const ids = sql.param([...batchIds], 'STRING', true);
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT batch_id, player_lookup, MAX(write_seq) AS write_seq FROM ${sql.table(STAGED_ROWS_TABLE.name)}
WHERE ${dialect.inArray('batch_id', ids)}
GROUP BY batch_id, player_lookup ORDER BY batch_id, player_lookup`,
        { job: { operation: 'staged_slices' } },
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

  /** The shared table's staged columns as the engine reports them (bookkeeping left out). */
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

  private async tablesWithPrefix(prefix: string, batchId: string): Promise<StagingTable[]> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const param = sql.named('prefix', prefix, 'STRING');
    const rows = await this.warehouse.query(
      sql.build(this.warehouse.dialect.listColumnsOfTables(param), {
        job: { operation: 'staging_columns', batchId },
      }),
    );
    const byTable = new Map<string, StagedColumn[]>();
    for (const row of rows) {
      const table = String(row.table_name);
      // A longer batch id can share the prefix text only if it is another batch's table.
      if (batchOfStagingTable(table) !== batchId) continue;
      byTable.set(table, [
        ...(byTable.get(table) ?? []),
        { name: String(row.column_name), dataType: String(row.data_type) },
      ]);
    }
    return [...byTable.entries()].map(([name, columns]) => ({ name, batchId, columns }));
  }
}
