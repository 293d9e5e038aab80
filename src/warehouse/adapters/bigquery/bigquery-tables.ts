import type { TableMetadata } from '@google-cloud/bigquery';
import type { TableInfo } from '../../warehouse-client';

interface SchemaField {
  readonly name?: string;
  readonly type?: string;
  readonly mode?: string;
  readonly precision?: string;
  readonly scale?: string;
}

/** Legacy SQL type names the tables API may report, as GoogleSQL spells them. */
const STANDARD: Readonly<Record<string, string>> = {
  INTEGER: 'INT64',
  FLOAT: 'FLOAT64',
  BOOLEAN: 'BOOL',
};

/** A column's type as INFORMATION_SCHEMA.COLUMNS.data_type spells it: `NUMERIC(5, 1)`, `ARRAY<STRING>`. */
export function dataTypeOf(field: SchemaField): string {
  const type = (field.type ?? 'STRING').toUpperCase();
  const base = STANDARD[type] ?? type;
  const sized =
    (base === 'NUMERIC' || base === 'BIGNUMERIC') && field.precision !== undefined
      ? `${base}(${field.precision}${field.scale !== undefined ? `, ${field.scale}` : ''})`
      : base;
  return field.mode === 'REPEATED' ? `ARRAY<${sized}>` : sized;
}

/** A table's metadata (tables.get) as the port's TableInfo; its creation time is its version. */
export function tableInfoOf(name: string, metadata: TableMetadata): TableInfo {
  const created = Number(metadata.creationTime);
  const fields = (metadata.schema?.fields ?? []) as SchemaField[];
  return {
    name,
    createdAt: Number.isFinite(created) ? new Date(created).toISOString() : null,
    version: String(metadata.creationTime ?? ''),
    columns: fields.map((f) => ({ name: f.name ?? '', dataType: dataTypeOf(f) })),
  };
}
