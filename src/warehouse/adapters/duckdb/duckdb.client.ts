import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBTypeId,
  listValue,
  LIST,
  VARCHAR,
  type DuckDBType,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import { Logger } from '@nestjs/common';
import type { JobKey, Row, SqlParam, Statement } from '../../sql/statement';
import type { TableDefinition } from '../../table-definition';
import {
  WarehouseClient,
  WarehouseError,
  type TableInfo,
  type TransactionStep,
} from '../../warehouse-client';
import { runSteps, type Session } from './transaction-steps';
import { DuckDbDialect } from './duckdb.dialect';
import './text-decoding';
import { GroupCommit } from './group-commit';
import { ConnectionPool, type Access } from './connection-pool';

const CONFLICT_ATTEMPTS = 5;
/** Rows of one grouped INSERT at most: about 2 MB of JSON for staged predictions. */
const MAX_GROUP_ROWS = 1_000;

export interface DuckDbOptions {
  readonly path: string;
  readonly connections: number;
  readonly memoryLimit?: string;
  /**
   * Whether a write has the connections to itself (the default: see ConnectionPool). Off
   * only where concurrent writers are the point, as in the BigQuery double's jobs.
   */
  readonly writesAlone?: boolean;
}

export class DuckDbClient extends WarehouseClient {
  readonly dialect = new DuckDbDialect();
  private readonly logger = new Logger(DuckDbClient.name);
  private readonly appends = new Map<string, GroupCommit<number>>();
  private readonly inserts = new Map<string, GroupCommit<number>>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly pool: ConnectionPool<DuckDBConnection>,
  ) {
    super();
  }

  static async open(options: DuckDbOptions): Promise<DuckDbClient> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const instance = await DuckDBInstance.create(options.path, {
      ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    });
    const connections = await Promise.all(
      Array.from({ length: options.connections }, () => instance.connect()),
    );
    return new DuckDbClient(instance, new ConnectionPool(connections, options.writesAlone ?? true));
  }

  async query(statement: Statement): Promise<Row[]> {
    return normalizeRows(await this.run(statement, accessOf(statement.sql)));
  }

  async execute(statement: Statement): Promise<number> {
    return (await this.run(statement, 'write')).rowsChanged;
  }

  /**
   * One explicit DuckDB transaction on one connection. A write-write conflict with another
   * connection rolls it back and runs it again from the start (its checks included); a
   * failed check rolls it back and is thrown.
   */
  async transaction(steps: readonly TransactionStep[], job: JobKey): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.session(async (session) => {
          await session.begin();
          try {
            await runSteps(session, steps, job.operation);
            await session.commit();
          } catch (error) {
            await session.rollback();
            throw error;
          }
        });
        return;
      } catch (error) {
        const failure =
          error instanceof WarehouseError ? error : classify(error, { sql: '', params: {}, job });
        if (failure.kind !== 'conflict' || attempt >= CONFLICT_ATTEMPTS) throw failure;
        this.logger.warn({ operation: job.operation, attempt }, 'transaction conflict, retrying');
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }

  /**
   * Statements on one connection of the pool, held for the whole of `work` (a transaction
   * needs its statements on one connection) and alone: it may write. Errors come back as
   * WarehouseErrors; nothing is retried here.
   */
  async session<T>(work: (session: Session) => Promise<T>): Promise<T> {
    return this.pool.use('write', (connection) => {
      const run = async (statement: Statement): Promise<DuckDBResultReader> => {
        try {
          return await connection.runAndReadAll(
            statement.sql,
            toDuckDbValues(statement.params),
            listTypes(statement.params),
          );
        } catch (error) {
          throw classify(error, statement);
        }
      };
      const control = (sql: string) => async () => {
        await run({ sql, params: {}, job: { operation: 'transaction' } });
      };
      return work({
        query: async (statement) => normalizeRows(await run(statement)),
        execute: async (statement) => (await run(statement)).rowsChanged,
        begin: control('BEGIN TRANSACTION'),
        commit: control('COMMIT'),
        // A rollback after a failed statement must not hide that statement's error.
        rollback: async () => {
          await run({ sql: 'ROLLBACK', params: {}, job: { operation: 'transaction' } }).catch(
            () => undefined,
          );
        },
      });
    });
  }

  /** Concurrent appends to a table share one INSERT (see GroupCommit). */
  async appendRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    const group = groupOf(this.appends, table.name, () => {
      const key = table.primaryKey ?? table.columns.map((c) => c.name);
      const keyOf = (row: Row) => JSON.stringify(key.map((k) => row[k] ?? null));
      return new GroupCommit(async (writes) => {
        const inserted = await this.insertIgnoringDuplicates(table, key, writes.flat());
        // A key inserted once is credited to the first caller that sent it.
        return writes.map((rows) => rows.filter((row) => inserted.delete(keyOf(row))).length);
      });
    });
    return group.submit(rows);
  }

  private async insertIgnoringDuplicates(
    table: TableDefinition,
    key: readonly string[],
    rows: readonly Row[],
  ): Promise<Set<string>> {
    const sql = `${this.insertFromJson(table)} ON CONFLICT DO NOTHING RETURNING ${this.dialect.columnList(key)}`;
    const inserted = await this.query({
      sql,
      params: { rows: this.jsonPayload(table, rows) },
      job: { operation: `append_${table.name}` },
    });
    return new Set(inserted.map((row) => JSON.stringify(key.map((k) => row[k] ?? null))));
  }

  /**
   * Concurrent inserts into a table share one INSERT (see GroupCommit): one statement, so
   * each caller's rows are written all or none, with the rows of the callers beside it.
   */
  async insertRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    const group = groupOf(
      this.inserts,
      table.name,
      () =>
        new GroupCommit(async (writes) => {
          await this.execute({
            sql: this.insertFromJson(table),
            params: { rows: this.jsonPayload(table, writes.flat()) },
            job: { operation: `insert_${table.name}` },
          });
          return writes.map((write) => write.length);
        }, MAX_GROUP_ROWS),
    );
    return group.submit(rows);
  }

  /** One statement over one JSON parameter: binding thousands of parameters is far slower. */
  async replaceTable(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    await this.execute({
      sql: this.dialect.createOrReplaceTableAs(table.name, this.jsonRows(table)),
      params: { rows: this.jsonPayload(table, rows) },
      job: { operation: 'replace_table' },
    });
    return rows.length;
  }

  /** INSERT of every column of a table from the rows in JSON parameter $rows. */
  private insertFromJson(table: TableDefinition): string {
    const columns = this.dialect.columnList(table.columns.map((c) => c.name));
    return `INSERT INTO ${this.dialect.table(table.name)} (${columns})\n${this.jsonRows(table)}`;
  }

  /**
   * SELECT of a table's typed columns from the rows in JSON parameter $rows. The array is
   * parsed once into structs of text (a list stays JSON) and each value cast, reading text
   * exactly as CAST(r->>'column') did: reading each column with ->> parsed every row again
   * per column (72 parses a staged row).
   */
  private jsonRows(table: TableDefinition): string {
    const shape = Object.fromEntries(
      table.columns.map((c) => [c.name, c.mode === 'REPEATED' ? 'JSON' : 'VARCHAR'] as const),
    );
    const columns = table.columns.map((c) => {
      const name = this.dialect.quoteIdentifier(c.name);
      return `CAST(r.${name} AS ${this.dialect.typeName(c.type, c.mode === 'REPEATED')}) AS ${name}`;
    });
    const structure = JSON.stringify([shape]).replace(/'/g, "''");
    return `SELECT ${columns.join(', ')} FROM (SELECT unnest(from_json($rows, '${structure}')) AS r)`;
  }

  private jsonPayload(table: TableDefinition, rows: readonly Row[]): SqlParam {
    const value = JSON.stringify(
      rows.map((row) =>
        Object.fromEntries(table.columns.map((c) => [c.name, row[c.name] ?? null])),
      ),
    );
    return { value, type: 'STRING' };
  }

  /** Two reads of DuckDB's own catalog: the tables (with a version), then their columns. */
  async tablesWithPrefix(prefix: string): Promise<TableInfo[]> {
    const params = { prefix: { value: prefix, type: 'STRING' as const } };
    const tables = await this.query({
      sql: this.dialect.listTables('prefix'),
      params,
      job: { operation: 'list_tables' },
    });
    if (tables.length === 0) return [];
    const columns = new Map<string, { name: string; dataType: string }[]>();
    for (const row of await this.query({
      sql: this.dialect.listColumnsOfTables('prefix'),
      params,
      job: { operation: 'list_columns' },
    })) {
      const table = String(row.table_name);
      columns.set(table, [
        ...(columns.get(table) ?? []),
        { name: String(row.column_name), dataType: String(row.data_type) },
      ]);
    }
    return tables.map((row) => ({
      name: String(row.table_name),
      createdAt: typeof row.created_at === 'string' ? row.created_at : null,
      version: String(row.version),
      columns: columns.get(String(row.table_name)) ?? [],
    }));
  }

  async ensureDatabase(): Promise<void> {
    // The file is the database: DuckDBInstance.create made it.
  }

  async close(): Promise<void> {
    await this.pool.drain();
    for (const connection of this.pool.all()) connection.closeSync();
    this.instance.closeSync();
  }

  private async run(statement: Statement, access: Access): Promise<DuckDBResultReader> {
    const values = toDuckDbValues(statement.params);
    const types = listTypes(statement.params);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.use(access, (connection) =>
          connection.runAndReadAll(statement.sql, values, types),
        );
      } catch (error) {
        const failure = classify(error, statement);
        if (failure.kind !== 'conflict' || attempt >= CONFLICT_ATTEMPTS) throw failure;
        this.logger.warn({ operation: failure.operation, attempt }, 'write conflict, retrying');
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }
}

/** The table's group commit, made the first time the table is written. */
function groupOf<T>(
  groups: Map<string, GroupCommit<T>>,
  table: string,
  make: () => GroupCommit<T>,
): GroupCommit<T> {
  let group = groups.get(table);
  if (!group) groups.set(table, (group = make()));
  return group;
}

/** A query is a read when it only selects (an INSERT ... RETURNING is a write). */
function accessOf(sql: string): Access {
  return /^\s*(SELECT|WITH|FROM|DESCRIBE|SHOW|EXPLAIN|SUMMARIZE|\()\b/i.test(sql)
    ? 'read'
    : 'write';
}

function toDuckDbValues(params: Readonly<Record<string, SqlParam>>): Record<string, DuckDBValue> {
  const values: Record<string, DuckDBValue> = {};
  for (const [name, param] of Object.entries(params)) {
    const value = param.value;
    if (Array.isArray(value))
      values[name] = listValue(value.map((v) => (v === null ? null : String(v))));
    else if (param.repeated && value === null) values[name] = listValue([]);
    else values[name] = value as DuckDBValue;
  }
  return values;
}

/** Lists are bound as VARCHAR lists (the SQL casts them); an empty list needs the type. */
function listTypes(params: Readonly<Record<string, SqlParam>>): Record<string, DuckDBType> {
  const types: Record<string, DuckDBType> = {};
  for (const [name, param] of Object.entries(params))
    if (param.repeated) types[name] = LIST(VARCHAR);
  return types;
}

function classify(error: unknown, statement: Statement): WarehouseError {
  if (error instanceof WarehouseError) return error;
  const operation = statement.job?.operation ?? 'statement';
  const message = error instanceof Error ? error.message : String(error);
  // A key another connection committed while an idempotent append ran: a retry skips it.
  const raced = /Duplicate key/i.test(message) && /ON CONFLICT DO NOTHING/i.test(statement.sql);
  const kind =
    // Match DuckDB's own conflict errors, not the words ON CONFLICT quoted from the SQL.
    raced ||
    /TransactionContext Error|write-write conflict|Conflict on (update|tuple)/i.test(message)
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

const NUMBER_TYPES: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.DECIMAL,
]);
const INSTANT_TYPES: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.TIMESTAMP,
]);

function normalize(value: unknown, typeId: DuckDBTypeId | undefined): unknown {
  if (value === null || value === undefined || typeId === undefined) return value ?? null;
  if (NUMBER_TYPES.has(typeId)) return Number(value);
  if (INSTANT_TYPES.has(typeId) && typeof value === 'string') return toIsoInstant(value);
  return value;
}

/** '2026-01-30 10:00:00.123456+00' -> '2026-01-30T10:00:00.123Z' */
export function toIsoInstant(text: string): string {
  // DuckDB runs in UTC here: the common shape needs no Date parsing.
  const utc = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?\+00$/.exec(text);
  // DuckDB trims trailing zeros of the fraction ('.07'): pad it back to milliseconds.
  if (utc) return `${utc[1]}T${utc[2]}${(utc[3] ?? '.').padEnd(4, '0').slice(0, 4)}Z`;
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const parsed = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString();
}
