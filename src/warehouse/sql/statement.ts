import type { ColumnType } from '../table-definition';

export type SqlScalar = string | number | boolean | null;
export type SqlValue = SqlScalar | readonly SqlScalar[];

/** A typed parameter: BigQuery needs the type for NULLs and arrays, DuckDB for casts. */
export interface SqlParam {
  readonly value: SqlValue;
  readonly type: ColumnType;
  readonly repeated?: boolean;
}

/** What a statement is doing, for job ids, labels and logs. */
export interface JobKey {
  readonly operation: string;
  readonly batchId?: string;
  readonly gameDate?: string;
  readonly attempt?: string;
}

export interface Statement {
  readonly sql: string;
  readonly params: Readonly<Record<string, SqlParam>>;
  readonly job?: JobKey;
  /** Cost guard for statements that may scan a lot (BigQuery maximumBytesBilled). */
  readonly costly?: boolean;
}

/** Values read back, normalized by the adapter: DATE 'YYYY-MM-DD', TIMESTAMP ISO-8601 UTC, NUMERIC and INT64 numbers, JSON text. */
export type Row = Record<string, unknown>;
