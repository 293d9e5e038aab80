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
    for (const table of tables) await this.addMissingColumns(table);
    this.logger.log(
      { engine: this.client.dialect.engine, tables: tables.map((t) => t.name) },
      'schema ready',
    );
  }

  private async addMissingColumns(table: TableDefinition): Promise<void> {
    const sql = new SqlBuilder(this.client.dialect);
    const tableParam = sql.named('table_name', table.name, 'STRING');
    const existing = await this.client.query(
      sql.build(this.client.dialect.listColumns(tableParam)),
    );
    const names = new Set(existing.map((row) => String(row.column_name)));
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
