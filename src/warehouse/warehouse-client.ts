import type { SqlDialect } from './sql/sql-dialect';
import type { JobKey, Row, Statement } from './sql/statement';
import type { TableDefinition } from './table-definition';

/** Why a statement failed, in terms a caller can act on. */
export type WarehouseErrorKind =
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'invalid'
  /** A transaction's own check refused to commit (see TransactionStep); nothing was written. */
  | 'check_failed'
  | 'other';

export class WarehouseError extends Error {
  constructor(
    message: string,
    readonly kind: WarehouseErrorKind,
    readonly operation: string,
    options?: { cause?: unknown; check?: string },
  ) {
    super(message, options);
    this.name = 'WarehouseError';
    this.check = options?.check;
  }

  /** The name of the transaction check that failed (kind 'check_failed'). */
  readonly check: string | undefined;

  get retryable(): boolean {
    return this.kind === 'conflict' || this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}

/**
 * One statement of a transaction, with what must hold after it for the transaction to
 * commit. Checks are evaluated by the engine inside the transaction (BigQuery: in the
 * script, DuckDB: on the transaction's connection), so a failed check rolls back
 * everything, and nothing the transaction wrote is ever visible.
 */
export type TransactionStep =
  | {
      readonly kind: 'write';
      readonly statement: Statement;
      /** The transaction rolls back unless the statement changed exactly this many rows ('some': at least one). */
      readonly expectChanged?: number | 'some';
      /** The check's name, reported in WarehouseError.check when it fails. */
      readonly check?: string;
    }
  | {
      /**
       * A query of one column `problem` (text): the transaction rolls back when its first
       * row has a non-NULL problem, which becomes the error's message.
       */
      readonly kind: 'check';
      readonly statement: Statement;
      readonly check: string;
    };

/** Thrown by `transaction` when a step's check fails; nothing was committed. */
export function checkFailed(check: string, detail: string, operation: string): WarehouseError {
  return new WarehouseError(`${check}: ${detail}`, 'check_failed', operation, { check });
}

/** A table of the database or dataset, as its metadata says. */
export interface TableInfo {
  readonly name: string;
  /** When it was created (ISO-8601); null where the engine keeps no creation time. */
  readonly createdAt: string | null;
  /** Changes when the table is replaced. */
  readonly version: string;
  /** Its columns in order, each type as the engine's SQL spells it. */
  readonly columns: readonly { readonly name: string; readonly dataType: string }[];
}

/**
 * The engine port. Repositories run statements built through `dialect`; services never
 * see it.
 */
export abstract class WarehouseClient {
  abstract readonly dialect: SqlDialect;

  /** Runs a query and returns its rows, normalized (see Row). */
  abstract query(statement: Statement): Promise<Row[]>;

  /** Runs DML or DDL; returns the number of rows it changed. */
  abstract execute(statement: Statement): Promise<number>;

  /**
   * Appends rows to an append-only table; rows whose primary key already exists are
   * skipped where the engine can tell (readers deduplicate anyway). Returns rows written.
   */
  abstract appendRows(table: TableDefinition, rows: readonly Row[]): Promise<number>;

  /** Inserts exactly these rows in one statement: all of them or none. Returns rows written. */
  abstract insertRows(table: TableDefinition, rows: readonly Row[]): Promise<number>;

  /**
   * Creates or atomically replaces a table with exactly these rows (one statement or one
   * load job): a retry replaces, never appends. Returns rows written.
   */
  abstract replaceTable(table: TableDefinition, rows: readonly Row[]): Promise<number>;

  /**
   * Runs the steps as one transaction: every write commits, or none does (a failed check,
   * a conflict with a concurrent transaction, any error). `job` names it (one BigQuery job).
   */
  abstract transaction(steps: readonly TransactionStep[], job: JobKey): Promise<void>;

  /**
   * The tables whose name starts with `prefix`, with their columns, from the engine's
   * metadata (on BigQuery the tables API, not a query job).
   */
  abstract tablesWithPrefix(prefix: string): Promise<TableInfo[]>;

  /** Creates the database or dataset itself if it does not exist. */
  abstract ensureDatabase(): Promise<void>;

  /**
   * Whether the engine answers, at no cost (readiness). Here a trivial query; BigQuery
   * overrides it with a metadata call, since any query there is a job.
   */
  async ping(): Promise<void> {
    await this.query({ sql: 'SELECT 1 AS ok', params: {}, job: { operation: 'readiness' } });
  }

  abstract close(): Promise<void>;
}
