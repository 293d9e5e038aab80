import { SqlDialect } from '../../sql/sql-dialect';
import { assertSafeTableName } from '../../sql/identifiers';
import {
  isNumeric,
  type ColumnDefault,
  type ColumnDefinition,
  type ColumnType,
  type TableDefinition,
} from '../../table-definition';

const SCALAR_TYPES: Record<Exclude<ColumnType, object>, string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  FLOAT64: 'DOUBLE',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMPTZ',
  JSON: 'JSON',
};

export class DuckDbDialect extends SqlDialect {
  readonly engine = 'duckdb' as const;
  readonly hasTimeTravel = false;

  /** DuckDB plans very wide unions slowly; smaller statements combine faster. */
  override get maxUnionTables(): number {
    return 50;
  }

  /**
   * One key, a struct, so that DuckDB turns `ROW_NUMBER() ... = 1` into a hash aggregate
   * (its top-N window elimination takes a single ORDER BY key; with several it sorts the
   * whole rows, 72 columns wide: most of a consolidation's MERGE). Each value is preceded by
   * whether it is set, so a NULL sorts below every value as NULLS LAST does, and two NULLs
   * tie and leave it to the next key: the same order as the list form.
   */
  override newestFirst(expressions: readonly string[]): string {
    return `(${expressions.map((e) => `${e} IS NOT NULL, ${e}`).join(', ')}) DESC`;
  }

  quoteIdentifier(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
  }

  table(name: string): string {
    return this.quoteIdentifier(assertSafeTableName(name));
  }

  paramRef(name: string, type: ColumnType, repeated: boolean): string {
    return `CAST($${name} AS ${this.typeName(type, repeated)})`;
  }

  typeName(type: ColumnType, repeated = false): string {
    const base = isNumeric(type) ? `DECIMAL(${type.precision}, ${type.scale})` : SCALAR_TYPES[type];
    return repeated ? `${base}[]` : base;
  }

  currentTimestamp(): string {
    return 'CAST(current_timestamp AS TIMESTAMPTZ)';
  }

  createTableIfNotExists(table: TableDefinition): string {
    const columns = table.columns.map((c) => this.columnDdl(c));
    if (table.primaryKey) columns.push(`PRIMARY KEY (${this.columnList(table.primaryKey)})`);
    return `CREATE TABLE IF NOT EXISTS ${this.table(table.name)} (\n  ${columns.join(',\n  ')}\n)`;
  }

  addColumnIfNotExists(tableName: string, column: ColumnDefinition): string {
    return `ALTER TABLE ${this.table(tableName)} ADD COLUMN IF NOT EXISTS ${this.columnDdl(column, false)}`;
  }

  createOrReplaceTableAs(tableName: string, select: string): string {
    return `CREATE OR REPLACE TABLE ${this.table(tableName)} AS ${select}`;
  }

  dropTableIfExists(tableName: string): string {
    return `DROP TABLE IF EXISTS ${this.table(tableName)}`;
  }

  /** One transaction, so one commit (one fsync) for all of them. */
  override script(statements: readonly string[]): string {
    return `BEGIN TRANSACTION;\n${super.script(statements)}\nCOMMIT;`;
  }

  /** SELECT table_name, created_at, version (changes when replaced) of tables whose name starts with a prefix. */
  listTables(prefixParam: string): string {
    // DuckDB keeps no creation time; the staging row's created_at stands in for it.
    // The oid changes when a table is replaced: the version a run checks before dropping.
    return `SELECT table_name, CAST(NULL AS TIMESTAMPTZ) AS created_at, CAST(table_oid AS VARCHAR) AS version FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = current_schema() AND starts_with(table_name, $${prefixParam})
ORDER BY table_name`;
  }

  listColumns(tableParam: string): string {
    return `SELECT column_name, data_type FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = current_schema() AND table_name = $${tableParam}
ORDER BY column_index`;
  }

  /** SELECT table_name, column_name, data_type of every table whose name starts with a prefix. */
  listColumnsOfTables(prefixParam: string): string {
    // duckdb_columns() rather than information_schema: half the time with many tables.
    return `SELECT table_name, column_name, data_type FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = current_schema() AND starts_with(table_name, $${prefixParam})
ORDER BY table_name, column_index`;
  }

  inArray(expr: string, arrayRef: string): string {
    return `list_contains(${arrayRef}, ${expr})`;
  }

  timeTravel(tableName: string): string {
    return this.table(tableName);
  }

  rowText(alias: string): string {
    return `CAST(${alias} AS VARCHAR)`;
  }

  private columnDdl(column: ColumnDefinition, withConstraints = true): string {
    const repeated = column.mode === 'REPEATED';
    const parts = [this.quoteIdentifier(column.name), this.typeName(column.type, repeated)];
    if (column.default) parts.push(`DEFAULT ${this.defaultExpression(column.default)}`);
    if (withConstraints && column.mode === 'REQUIRED') parts.push('NOT NULL');
    return parts.join(' ');
  }

  private defaultExpression(value: ColumnDefault): string {
    if (value.kind === 'now') return 'current_timestamp';
    return typeof value.value === 'string'
      ? `'${value.value.replace(/'/g, "''")}'`
      : String(value.value);
  }
}
