/**
 * One declarative definition per table: it drives DDL in every dialect, the GraphQL
 * Prediction types, staging-input validation and the catalog used to verify BigQuery SQL.
 */
export type ScalarType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP' | 'JSON';

export interface NumericType {
  readonly kind: 'NUMERIC';
  readonly precision: number;
  readonly scale: number;
}

export type ColumnType = ScalarType | NumericType;

export type ColumnMode = 'REQUIRED' | 'NULLABLE' | 'REPEATED';

export type ColumnDefault =
  | { readonly kind: 'literal'; readonly value: boolean | number | string }
  | { readonly kind: 'now' };

export interface ColumnDefinition {
  readonly name: string;
  /** For REPEATED columns, the element type. */
  readonly type: ColumnType;
  readonly mode: ColumnMode;
  readonly default?: ColumnDefault;
  /** False for columns the target gained later and older workers do not write. */
  readonly workerWritten: boolean;
}

export interface TableDefinition {
  readonly name: string;
  readonly columns: readonly ColumnDefinition[];
  readonly primaryKey?: readonly string[];
  readonly partitionBy?: string;
  readonly clusterBy?: readonly string[];
  readonly requirePartitionFilter?: boolean;
}

export function numeric(precision: number, scale: number): NumericType {
  return { kind: 'NUMERIC', precision, scale };
}

export function col(
  name: string,
  type: ColumnType,
  options: Partial<Omit<ColumnDefinition, 'name' | 'type'>> = {},
): ColumnDefinition {
  return {
    name,
    type,
    mode: options.mode ?? 'NULLABLE',
    workerWritten: options.workerWritten ?? true,
    ...(options.default ? { default: options.default } : {}),
  };
}

export function column(table: TableDefinition, name: string): ColumnDefinition {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`table ${table.name} has no column ${name}`);
  return found;
}

export function isNumeric(type: ColumnType): type is NumericType {
  return typeof type === 'object' && type.kind === 'NUMERIC';
}
