import { DuckDbClient } from '../../src/warehouse/adapters/duckdb/duckdb.client';
import type { JobKey, Row, Statement } from '../../src/warehouse/sql/statement';
import type { TableDefinition } from '../../src/warehouse/table-definition';
import {
  WarehouseClient,
  type TableInfo,
  type TransactionStep,
} from '../../src/warehouse/warehouse-client';
import { BigQueryDouble } from './bigquery-double';

/**
 * One application instance's view of a warehouse several instances share (DuckDB: one
 * database, one process). Everything passes through; the test can freeze the instance
 * before a transaction (as a paused or CPU-starved replica), and sees which committed.
 */
export class ReplicaWarehouse extends WarehouseClient {
  readonly committed: JobKey[] = [];
  readonly failed: JobKey[] = [];
  private pause: Promise<void> | undefined;
  private trigger: {
    when: (job: JobKey) => boolean;
    whole: boolean;
    hit: (resume: () => void) => void;
  }[] = [];

  constructor(private readonly shared: WarehouseClient) {
    super();
  }

  get dialect() {
    return this.shared.dialect;
  }

  /**
   * Holds this instance's first transaction `when` accepts until resumed; with `whole`, the
   * whole instance freezes there (every call waits, lease renewals included), as a paused
   * or CPU-starved replica. Resolves, with the resume function, when the hold strikes.
   */
  pauseBefore(when: (job: JobKey) => boolean, whole: boolean): Promise<() => void> {
    return new Promise((hit) => this.trigger.push({ when, whole, hit }));
  }

  async query(statement: Statement): Promise<Row[]> {
    await this.pause;
    return this.shared.query(statement);
  }

  async execute(statement: Statement): Promise<number> {
    await this.pause;
    return this.shared.execute(statement);
  }

  async appendRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    await this.pause;
    return this.shared.appendRows(table, rows);
  }

  async insertRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    await this.pause;
    return this.shared.insertRows(table, rows);
  }

  async replaceTable(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    await this.pause;
    return this.shared.replaceTable(table, rows);
  }

  async transaction(steps: readonly TransactionStep[], job: JobKey): Promise<void> {
    await this.pause;
    const trigger = this.trigger.find((t) => t.when(job));
    if (trigger) {
      this.trigger.splice(this.trigger.indexOf(trigger), 1);
      let resume = () => {};
      const held = new Promise<void>((r) => (resume = r));
      if (trigger.whole) this.pause = held.then(() => (this.pause = undefined));
      trigger.hit(resume);
      await held;
    }
    try {
      await this.shared.transaction(steps, job);
      this.committed.push(job);
    } catch (error) {
      this.failed.push(job);
      throw error;
    }
  }

  async tablesWithPrefix(prefix: string): Promise<TableInfo[]> {
    await this.pause;
    return this.shared.tablesWithPrefix(prefix);
  }

  ensureDatabase(): Promise<void> {
    return this.shared.ensureDatabase();
  }

  /** The shared warehouse outlives each instance: the test closes it. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A warehouse several application instances share, and how each instance reaches it. */
export interface SharedEngine {
  readonly name: string;
  open(latencyMs: number): Promise<{
    replica: (name: string) => WarehouseClient;
    close: () => Promise<void>;
  }>;
}

/**
 * The engines replica tests run on: the BigQuery double (BigQuery's concurrency rules, each
 * replica its own client) and DuckDB (one database, one process, instances on one client).
 */
export const SHARED_ENGINES: readonly SharedEngine[] = [
  {
    name: 'the BigQuery double',
    async open(latencyMs) {
      const double = await BigQueryDouble.open({ latencyMs });
      return { replica: (name) => double.replica(name), close: () => double.close() };
    },
  },
  {
    name: 'DuckDB (one database)',
    async open() {
      const duckdb = await DuckDbClient.open({ path: ':memory:', connections: 8 });
      return { replica: () => duckdb, close: () => duckdb.close() };
    },
  },
];
