import type { ColumnDefinition, ColumnType, TableDefinition } from '../table-definition';

/**
 * Everything that differs between engines' SQL. Repositories build statements through
 * it and never name an engine.
 */
export abstract class SqlDialect {
  abstract readonly engine: 'duckdb' | 'bigquery';
  /** Whether the engine restores from its own history (BigQuery time travel). */
  abstract readonly hasTimeTravel: boolean;

  /** Tables one UNION ALL statement should read; BigQuery allows 1,000 references a query. */
  get maxUnionTables(): number {
    return 500;
  }

  abstract quoteIdentifier(name: string): string;
  /** A table reference as it must appear in SQL (qualified where the engine needs it). */
  abstract table(name: string): string;
  abstract paramRef(name: string, type: ColumnType, repeated: boolean): string;
  abstract typeName(type: ColumnType, repeated?: boolean): string;
  abstract currentTimestamp(): string;
  abstract createTableIfNotExists(table: TableDefinition): string;
  /** Adds a column to an existing table, for schema bootstrap on older databases. */
  abstract addColumnIfNotExists(tableName: string, column: ColumnDefinition): string;
  abstract createOrReplaceTableAs(tableName: string, select: string): string;
  abstract dropTableIfExists(tableName: string): string;
  /** Several statements sent as one script (one job, one round trip). */
  script(statements: readonly string[]): string {
    return statements.map((sql) => `${sql};`).join('\n');
  }

  dropTablesIfExist(tableNames: readonly string[]): string {
    return this.script(tableNames.map((name) => this.dropTableIfExists(name)));
  }
  /** SELECT column_name, data_type of one table (param name given). */
  abstract listColumns(tableParam: string): string;
  /** A DATE literal; only for validated YYYY-MM-DD values, where the engine needs a constant. */
  dateLiteral(gameDate: string): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(gameDate)) throw new Error(`not a date: ${gameDate}`);
    return `DATE '${gameDate}'`;
  }
  /** `expr` is one of the elements of an array parameter. */
  abstract inArray(expr: string, arrayRef: string): string;
  /** A typed NULL, for target-only columns on insert. */
  nullOf(type: ColumnType, repeated = false): string {
    return `CAST(NULL AS ${this.typeName(type, repeated)})`;
  }
  abstract timeTravel(tableName: string, asOfRef: string): string;
  /**
   * A whole row (a FROM item's alias) as text: equal rows give equal text, so rows can be
   * compared or ordered whatever their columns' types (JSON and arrays have no equality).
   */
  abstract rowText(alias: string): string;

  /**
   * An ORDER BY list: each expression descending, NULLs last (a NULL never wins: both
   * engines' default for DESC), in order of precedence. Where the engine can, written so that `ROW_NUMBER() OVER (... ORDER BY
   * this) = 1` is planned as an aggregate instead of a sort of the whole rows.
   */
  newestFirst(expressions: readonly string[]): string {
    return expressions.map((e) => `${e} DESC`).join(', ');
  }

  columnList(names: readonly string[], alias?: string): string {
    const prefix = alias ? `${alias}.` : '';
    return names.map((n) => prefix + this.quoteIdentifier(n)).join(', ');
  }
}
