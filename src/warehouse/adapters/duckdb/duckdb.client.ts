import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBTypeId,
  listValue,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import { Logger } from '@nestjs/common';
import type { Row, SqlParam, Statement } from '../../sql/statement';
import type { TableDefinition } from '../../table-definition';
import { WarehouseClient, WarehouseError } from '../../warehouse-client';
import { DuckDbDialect } from './duckdb.dialect';
import { ConnectionPool } from './connection-pool';

const CONFLICT_ATTEMPTS = 5;

export interface DuckDbOptions {
  readonly path: string;
  readonly connections: number;
}

export class DuckDbClient extends WarehouseClient {
  readonly dialect = new DuckDbDialect();
  private readonly logger = new Logger(DuckDbClient.name);

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly pool: ConnectionPool<DuckDBConnection>,
  ) {
    super();
  }

  static async open(options: DuckDbOptions): Promise<DuckDbClient> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const instance = await DuckDBInstance.create(options.path);
    const connections = await Promise.all(
      Array.from({ length: options.connections }, () => instance.connect()),
    );
    return new DuckDbClient(instance, new ConnectionPool(connections));
  }

  async query(statement: Statement): Promise<Row[]> {
    const reader = await this.run(statement, (c, sql, values) => c.runAndReadAll(sql, values));
    return normalizeRows(reader);
  }

  async execute(statement: Statement): Promise<number> {
    const reader = await this.run(statement, (c, sql, values) => c.runAndReadAll(sql, values));
    return reader.rowsChanged;
  }

  async appendRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    const names = table.columns.map((c) => c.name);
    const params: Record<string, SqlParam> = {};
    const tuples = rows.map((row, r) => {
      const refs = table.columns.map((c, i) => {
        const name = `r${r}c${i}`;
        const repeated = c.mode === 'REPEATED';
        params[name] = {
          value: (row[c.name] ?? null) as SqlParam['value'],
          type: c.type,
          repeated,
        };
        return this.dialect.paramRef(name, c.type, repeated);
      });
      return `(${refs.join(', ')})`;
    });
    const sql = `INSERT INTO ${this.dialect.table(table.name)} (${this.dialect.columnList(names)})
VALUES ${tuples.join(',\n')} ON CONFLICT DO NOTHING`;
    return this.execute({ sql, params, job: { operation: `append_${table.name}` } });
  }

  async ensureDatabase(): Promise<void> {
    // The file is the database: DuckDBInstance.create made it.
  }

  async close(): Promise<void> {
    await this.pool.drain();
    for (const connection of this.pool.all()) connection.closeSync();
    this.instance.closeSync();
  }

  private async run(
    statement: Statement,
    action: (
      connection: DuckDBConnection,
      sql: string,
      values: Record<string, DuckDBValue>,
    ) => Promise<DuckDBResultReader>,
  ): Promise<DuckDBResultReader> {
    const values = toDuckDbValues(statement.params);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.use((connection) => action(connection, statement.sql, values));
      } catch (error) {
        const failure = classify(error, statement.job?.operation ?? 'statement');
        if (failure.kind !== 'conflict' || attempt >= CONFLICT_ATTEMPTS) throw failure;
        this.logger.warn({ operation: failure.operation, attempt }, 'write conflict, retrying');
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }
}

function toDuckDbValues(params: Readonly<Record<string, SqlParam>>): Record<string, DuckDBValue> {
  const values: Record<string, DuckDBValue> = {};
  for (const [name, param] of Object.entries(params)) {
    const value = param.value;
    if (Array.isArray(value)) values[name] = listValue(value as DuckDBValue[]);
    else if (param.repeated && value === null) values[name] = listValue([]);
    else values[name] = value as DuckDBValue;
  }
  return values;
}

function classify(error: unknown, operation: string): WarehouseError {
  const message = error instanceof Error ? error.message : String(error);
  const kind = /conflict|TransactionContext Error/i.test(message)
    ? 'conflict'
    : /Constraint Error|Conversion Error|Binder Error|Parser Error|Catalog Error/i.test(message)
      ? 'invalid'
      : 'other';
  return new WarehouseError(message, kind, operation, { cause: error });
}

function normalizeRows(reader: DuckDBResultReader): Row[] {
  const types = reader.columnTypes().map((t) => t.typeId);
  const names = reader.columnNames();
  return reader.getRowsJson().map((values) => {
    const row: Row = {};
    values.forEach((value, i) => {
      row[names[i] ?? `c${i}`] = normalize(value, types[i]);
    });
    return row;
  });
}

function normalize(value: unknown, typeId: DuckDBTypeId | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.DECIMAL:
      return Number(value);
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP:
      return toIsoInstant(String(value));
    default:
      return value;
  }
}

/** '2026-01-30 10:00:00.123456+00' -> '2026-01-30T10:00:00.123Z' */
function toIsoInstant(text: string): string {
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const parsed = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString();
}
