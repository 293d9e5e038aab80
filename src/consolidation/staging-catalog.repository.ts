import { Injectable } from '@nestjs/common';
import { batchOfStagingTable, STAGING_PREFIX, stagingPrefix } from '../warehouse/sql/identifiers';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import { WarehouseClient } from '../warehouse/warehouse-client';

export interface StagedColumn {
  readonly name: string;
  readonly dataType: string;
}

export interface StagingTable {
  readonly name: string;
  readonly batchId: string;
  readonly columns: readonly StagedColumn[];
}

const DROP_CHUNK = 200;

/** Finds and drops staging tables; workers may also create them directly under a batch's prefix. */
@Injectable()
export class StagingCatalogRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  /** Every staging table of these batches, with its columns (one catalog query per batch). */
  async tablesOf(batchIds: readonly string[]): Promise<StagingTable[]> {
    const tables: StagingTable[] = [];
    for (const batchId of batchIds)
      tables.push(...(await this.tablesWithPrefix(stagingPrefix(batchId), batchId)));
    return tables;
  }

  /** Each staging table's version (it changes when a worker replaces the table). */
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

  async exists(tableName: string): Promise<boolean> {
    return (await this.tableNames(tableName)).includes(tableName);
  }

  /** Names of every staging table, whatever its batch (for the orphan sweep). */
  async allStagingTableNames(): Promise<string[]> {
    return this.tableNames(STAGING_PREFIX);
  }

  async tableNames(prefix: string): Promise<string[]> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const param = sql.named('prefix', prefix, 'STRING');
    const rows = await this.warehouse.query(
      sql.build(this.warehouse.dialect.listTables(param), { job: { operation: 'list_tables' } }),
    );
    return rows.map((r) => String(r.table_name));
  }

  async drop(tableNames: readonly string[]): Promise<void> {
    for (let i = 0; i < tableNames.length; i += DROP_CHUNK) {
      await this.warehouse.execute({
        sql: this.warehouse.dialect.dropTablesIfExist(tableNames.slice(i, i + DROP_CHUNK)),
        params: {},
        job: { operation: 'drop_tables' },
      });
    }
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
