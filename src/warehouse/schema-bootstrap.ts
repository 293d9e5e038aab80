import { Logger } from '@nestjs/common';
import { SqlBuilder } from './sql/sql-builder';
import { OWNED_TABLES } from './tables';
import type { TableDefinition } from './table-definition';
import type { WarehouseClient } from './warehouse-client';

/** Creates the owned tables if missing and adds columns a newer definition has. Idempotent. */
export class SchemaBootstrap {
  private readonly logger = new Logger(SchemaBootstrap.name);

  constructor(private readonly client: WarehouseClient) {}

  async run(): Promise<void> {
    await this.client.ensureDatabase();
    const tables = OWNED_TABLES;
    await this.client.execute({
      sql: this.client.dialect.script(
        tables.map((table) => this.client.dialect.createTableIfNotExists(table)),
      ),
      params: {},
      job: { operation: 'create_tables' },
    });
    // Read side by side (six reads in a row were the longest part of a start), altered in turn.
    const existing = await Promise.all(tables.map((table) => this.columnsOf(table)));
    for (const [i, table] of tables.entries())
      await this.addMissingColumns(table, existing[i] ?? new Set());
    this.logger.log(
      { engine: this.client.dialect.engine, tables: tables.map((t) => t.name) },
      'schema ready',
    );
  }

  private async columnsOf(table: TableDefinition): Promise<Set<string>> {
    const sql = new SqlBuilder(this.client.dialect);
    const tableParam = sql.named('table_name', table.name, 'STRING');
    const rows = await this.client.query(sql.build(this.client.dialect.listColumns(tableParam)));
    return new Set(rows.map((row) => String(row.column_name)));
  }

  private async addMissingColumns(table: TableDefinition, names: Set<string>): Promise<void> {
    for (const column of table.columns.filter((c) => !names.has(c.name))) {
      await this.client.execute({
        sql: this.client.dialect.addColumnIfNotExists(table.name, column),
        params: {},
        job: { operation: `add_column_${table.name}` },
      });
      this.logger.warn(
        { table: table.name, column: column.name },
        'column added to existing table',
      );
    }
  }
}
