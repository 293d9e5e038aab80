import type { SqlDialect } from './sql/sql-dialect';
import type { Row, Statement } from './sql/statement';
import type { TableDefinition } from './table-definition';

/** Why a statement failed, in terms a caller can act on. */
export type WarehouseErrorKind = 'conflict' | 'rate_limited' | 'unavailable' | 'invalid' | 'other';

export class WarehouseError extends Error {
  constructor(
    message: string,
    readonly kind: WarehouseErrorKind,
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WarehouseError';
  }

  get retryable(): boolean {
    return this.kind === 'conflict' || this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
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

  /** Creates the database or dataset itself if it does not exist. */
  abstract ensureDatabase(): Promise<void>;

  abstract close(): Promise<void>;
}
