import type { TableField, TableRow, TableRowField, TableSchema } from '@google-cloud/bigquery';
import type { Row } from '../../sql/statement';

/**
 * Rows as the REST API returns them (`{f: [{v}]}`, every scalar as text, TIMESTAMP as
 * int64 microseconds), normalized like every adapter: DATE 'YYYY-MM-DD', TIMESTAMP
 * ISO-8601 UTC with Z, NUMERIC/INT64/FLOAT64 numbers, JSON text, arrays as arrays.
 */
export function normalizeRows(schema: TableSchema | undefined, rows: readonly TableRow[]): Row[] {
  const fields = schema?.fields ?? [];
  return rows.map((row) => recordOf(fields, row));
}

function recordOf(fields: readonly TableField[], row: unknown): Row {
  const record: Row = {};
  cellsOf(row).forEach((cell, i) => {
    const field = fields[i];
    record[field?.name ?? `f${i}`] = field ? fieldValue(field, cell) : null;
  });
  return record;
}

function cellsOf(row: unknown): TableRowField[] {
  if (typeof row !== 'object' || row === null || !('f' in row) || !Array.isArray(row.f)) return [];
  return row.f as TableRowField[];
}

function fieldValue(field: TableField, cell: TableRowField): unknown {
  const value: unknown = cell.v;
  if (value === null || value === undefined) return field.mode === 'REPEATED' ? [] : null;
  if (field.mode === 'REPEATED') {
    if (!Array.isArray(value)) return [];
    return value.map((item: TableRowField) => scalarValue(field, item.v));
  }
  return scalarValue(field, value);
}

const NUMBER_TYPES: ReadonlySet<string> = new Set([
  'INTEGER',
  'INT64',
  'FLOAT',
  'FLOAT64',
  'NUMERIC',
  'BIGNUMERIC',
]);
const RECORD_TYPES: ReadonlySet<string> = new Set(['RECORD', 'STRUCT']);
const BOOL_TYPES: ReadonlySet<string> = new Set(['BOOLEAN', 'BOOL']);

/** STRING, DATE ('YYYY-MM-DD'), JSON (text), DATETIME, TIME and BYTES (base64) stay text. */
function scalarValue(field: TableField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const type = field.type ?? 'STRING';
  if (RECORD_TYPES.has(type)) return recordOf(field.fields ?? [], value);
  if (NUMBER_TYPES.has(type)) return Number(value);
  if (BOOL_TYPES.has(type)) return value === true || value === 'true';
  if (type === 'TIMESTAMP' && typeof value === 'string') return timestampText(value);
  return value;
}

/** Int64 microseconds since the epoch (useInt64Timestamp) or float seconds, to ISO-8601 UTC. */
export function timestampText(value: string): string {
  if (/^-?\d+$/.test(value)) return new Date(Number(BigInt(value) / 1000n)).toISOString();
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return new Date(Math.round(seconds * 1000)).toISOString();
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}
