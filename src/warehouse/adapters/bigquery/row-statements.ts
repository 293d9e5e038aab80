import { createHash } from 'node:crypto';
import type { InsertRow } from '@google-cloud/bigquery';
import type { Row, SqlParam, Statement } from '../../sql/statement';
import { isNumeric, type ColumnDefinition, type TableDefinition } from '../../table-definition';
import { BATCH_EVENTS_TABLE, MAINTENANCE_RUNS_TABLE } from '../../tables';
import type { BigQueryDialect } from './bigquery.dialect';

/** Tables only ever appended to, never touched by DML: streamed with insertAll. */
const STREAMED_TABLES: ReadonlySet<string> = new Set([
  BATCH_EVENTS_TABLE.name,
  MAINTENANCE_RUNS_TABLE.name,
]);

export function isStreamedTable(name: string): boolean {
  return STREAMED_TABLES.has(name);
}

const JSON_PATH_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_INSERT_ID = 128;

/**
 * Rows travel as one JSON parameter (every scalar as text, TIMESTAMP as microseconds) and
 * are typed back in SQL: one parameter whatever the row count, and a statement whose text
 * does not grow with the data (BigQuery caps both).
 */
export function rowsParam(table: TableDefinition, rows: readonly Row[]): SqlParam {
  return { value: JSON.stringify(rows.map((row) => encodeRow(table, row))), type: 'JSON' };
}

/** SELECT typed columns FROM the rows parameter. */
export function rowsSelect(
  dialect: BigQueryDialect,
  table: TableDefinition,
  rowsRef: string,
): string {
  const columns = table.columns.map(
    (c) => `${columnFromJson(dialect, c)} AS ${dialect.quoteIdentifier(c.name)}`,
  );
  return `SELECT\n  ${columns.join(',\n  ')}\nFROM UNNEST(JSON_QUERY_ARRAY(${rowsRef})) AS row_json`;
}

/** The whole table replaced by these rows, in one statement. */
export function replaceStatement(
  dialect: BigQueryDialect,
  table: TableDefinition,
  rows: readonly Row[],
  batchId?: string,
): Statement {
  return {
    sql: dialect.createOrReplaceTableAs(table.name, rowsSelect(dialect, table, '@rows')),
    params: { rows: rowsParam(table, rows) },
    job: { operation: 'replace_table', ...(batchId ? { batchId } : {}) },
  };
}

/**
 * One INSERT of these rows; with `skipExisting`, rows whose primary key is already in the
 * table are left out.
 */
export function appendStatement(
  dialect: BigQueryDialect,
  table: TableDefinition,
  rows: readonly Row[],
  skipExisting = true,
): Statement {
  const names = table.columns.map((c) => c.name);
  const key = skipExisting ? (table.primaryKey ?? []) : [];
  const skipClause =
    key.length === 0
      ? ''
      : `\nWHERE NOT EXISTS (SELECT 1 FROM ${dialect.table(table.name)} AS existing WHERE ${key
          .map(
            (k) => `existing.${dialect.quoteIdentifier(k)} = source.${dialect.quoteIdentifier(k)}`,
          )
          .join(' AND ')})`;
  return {
    sql: `INSERT INTO ${dialect.table(table.name)} (${dialect.columnList(names)})
SELECT ${dialect.columnList(names, 'source')} FROM (
${rowsSelect(dialect, table, '@rows')}
) AS source${skipClause}`,
    params: { rows: rowsParam(table, rows) },
    job: { operation: `${skipExisting ? 'append' : 'insert'}_${table.name}` },
  };
}

/** insertAll rows: insertId is the primary key, so a retried request is deduplicated. */
export function insertAllRows(table: TableDefinition, rows: readonly Row[]): InsertRow[] {
  return rows.map((row) => {
    const json: Record<string, unknown> = {};
    for (const c of table.columns) json[c.name] = streamedValue(c, row[c.name]);
    return { json, ...(table.primaryKey ? { insertId: insertIdOf(table.primaryKey, row) } : {}) };
  });
}

function insertIdOf(key: readonly string[], row: Row): string {
  const id = key.map((k) => textOf(row[k] ?? '')).join('|');
  return id.length <= MAX_INSERT_ID ? id : createHash('sha256').update(id).digest('hex');
}

/** insertAll JSON: NUMERIC and INT64 as text (exact), JSON columns as JSON text. */
function streamedValue(column: ColumnDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.mode === 'REPEATED') return Array.isArray(value) ? value : [value];
  if (column.type === 'JSON') return jsonText(value);
  if (column.type === 'INT64' || isNumeric(column.type)) return textOf(value);
  return value;
}

function encodeRow(table: TableDefinition, row: Row): Record<string, unknown> {
  const encoded: Record<string, unknown> = {};
  for (const c of table.columns) encoded[c.name] = encodeValue(c, row[c.name]);
  return encoded;
}

function encodeValue(column: ColumnDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.mode === 'REPEATED') {
    return (Array.isArray(value) ? value : [value]).map((v: unknown) => scalarText(column, v));
  }
  return scalarText(column, value);
}

function scalarText(column: ColumnDefinition, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (column.type === 'JSON') return jsonText(value);
  if (column.type === 'TIMESTAMP') return String(microsOf(value, column.name));
  return textOf(value);
}

function textOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function microsOf(value: unknown, name: string): number {
  const millis = value instanceof Date ? value.getTime() : Date.parse(textOf(value));
  if (Number.isNaN(millis)) throw new Error(`column ${name}: not a timestamp: ${textOf(value)}`);
  return millis * 1000;
}

function columnFromJson(dialect: BigQueryDialect, column: ColumnDefinition): string {
  if (!JSON_PATH_KEY.test(column.name))
    throw new Error(`column name not usable as a JSON key: ${column.name}`);
  const path = `'$.${column.name}'`;
  if (column.mode === 'REPEATED') {
    const strings = `JSON_VALUE_ARRAY(row_json, ${path})`;
    if (column.type === 'STRING') return strings;
    return `ARRAY(SELECT ${typed(dialect, column, 'item')} FROM UNNEST(${strings}) AS item WITH OFFSET AS position ORDER BY position)`;
  }
  return typed(dialect, column, `JSON_VALUE(row_json, ${path})`);
}

/** A text value to the column's type. */
function typed(dialect: BigQueryDialect, column: ColumnDefinition, text: string): string {
  if (column.type === 'STRING') return text;
  if (column.type === 'JSON') return `PARSE_JSON(${text})`;
  if (column.type === 'TIMESTAMP') return `TIMESTAMP_MICROS(CAST(${text} AS INT64))`;
  return `CAST(${text} AS ${dialect.typeName(column.type)})`;
}
