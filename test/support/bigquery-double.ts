/**
 * A warehouse that behaves like BigQuery where concurrency is concerned, for tests that run
 * several application instances (replicas) against one warehouse. The statements are the
 * service's own, built through the real repositories and dialect, and run by DuckDB (the
 * engine here); the double imposes BigQuery's documented rules on them:
 *
 * - every job reads one snapshot (a transaction: one snapshot for all its statements);
 * - an INSERT, and a MERGE that only inserted rows, never conflicts;
 * - two mutations of one partition (UPDATE, DELETE, a MERGE that updated): the first to
 *   commit wins, the other is rerun on the new state, up to three times, then fails with
 *   "Could not serialize access to table ... due to concurrent update";
 * - a transaction whose mutation conflicts with one committed since its snapshot aborts
 *   ("Transaction is aborted due to concurrent update against table ..."); a statement
 *   outside a transaction that mutates what an open transaction mutated waits for it;
 * - job ids are unique: a job whose id exists is not run again, its outcome is awaited;
 * - each job takes `latencyMs` (half before it reads, half before it commits), so jobs
 *   of different replicas overlap as they do on BigQuery.
 *
 * Sources: docs/architecture.md, "The lease" (the DML and transactions pages).
 * Not modelled: the 2-running/20-queued limit per table, streaming buffers, quotas.
 */
import { Logger } from '@nestjs/common';
import { DuckDbClient } from '../../src/warehouse/adapters/duckdb/duckdb.client';
import { runSteps, type Session } from '../../src/warehouse/adapters/duckdb/transaction-steps';
import { jobIdFor, rerunJobId } from '../../src/warehouse/adapters/bigquery/job-naming';
import { withRetry, type RetryPolicy } from '../../src/warehouse/adapters/bigquery/retry';
import type { DuckDbDialect } from '../../src/warehouse/adapters/duckdb/duckdb.dialect';
import type { JobKey, Row, Statement } from '../../src/warehouse/sql/statement';
import type { TableDefinition } from '../../src/warehouse/table-definition';
import { OWNED_TABLES, STAGED_ROWS_TABLE } from '../../src/warehouse/tables';
import {
  WarehouseClient,
  WarehouseError,
  type TableInfo,
  type TransactionStep,
} from '../../src/warehouse/warehouse-client';

export type JobKind = 'read' | 'insert' | 'mutate' | 'ddl' | 'transaction';

/** One job as the double saw it. */
export interface JobRecord {
  readonly replica: string;
  readonly jobId: string;
  readonly operation: string;
  readonly kind: JobKind;
  /** Times the double reran it after a conflict (mutations only). */
  reruns: number;
  outcome: 'running' | 'committed' | 'failed';
  error?: string;
}

export interface DoubleOptions {
  /** Time each job takes. */
  readonly latencyMs: number;
  /** How a replica's client retries retryable failures (the real client's policy, shorter waits). */
  readonly retry: RetryPolicy;
}

/** Where a write lands: a table and a partition of it ('*': the whole table). */
interface Target {
  readonly table: string;
  readonly partition: string;
}

/** A write (a statement or a transaction) between its execution and its commit or rollback. */
interface OpenWrite {
  readonly touched: Target[];
  /** What it is about to write (what a row-level refusal by the engine may be about). */
  readonly intents: Target[];
  readonly done: Promise<void>;
  readonly transaction: boolean;
}

function openWrite(transaction: boolean): { write: OpenWrite; finish: () => void } {
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { write: { touched: [], intents: [], done, transaction }, finish };
}

const PARTITIONED = new Map(
  [...OWNED_TABLES, STAGED_ROWS_TABLE].map((t) => [t.name, t.partitionBy !== undefined]),
);
const WRITE_TARGET = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+"?(\w+)"?/i;
/** BigQuery reruns a statement that lost a conflict up to three times. */
const RERUNS = 3;

export function kindOf(sql: string): Exclude<JobKind, 'transaction'> {
  if (/^\s*(SELECT|WITH)\b/i.test(sql)) return 'read';
  if (/^\s*INSERT\b/i.test(sql)) return 'insert';
  if (/^\s*(UPDATE|DELETE|MERGE)\b/i.test(sql)) return 'mutate';
  return 'ddl';
}

function targetOf(statement: Statement): Target | undefined {
  const table = WRITE_TARGET.exec(statement.sql)?.[1];
  if (!table) return undefined;
  const gameDate = statement.job?.gameDate;
  return { table, partition: PARTITIONED.get(table) && gameDate ? gameDate : '*' };
}

function overlaps(a: Target, b: Target): boolean {
  return (
    a.table === b.table &&
    (a.partition === b.partition || a.partition === '*' || b.partition === '*')
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Why a mutation could not commit on its snapshot. */
class Conflict extends Error {
  constructor(
    readonly table: string,
    /** The open write it collided with, to wait for before running again. */
    readonly blocker?: OpenWrite,
  ) {
    super(`conflict on ${table}`);
  }
}

export class BigQueryDouble {
  readonly jobs: JobRecord[] = [];
  private readonly logger = new Logger('BigQueryDouble');
  /** Commits of mutations so far; each job remembers the count it started from. */
  private version = 0;
  private readonly committed: { target: Target; version: number }[] = [];
  private readonly open = new Set<OpenWrite>();
  private readonly jobIds = new Map<string, Promise<unknown>>();
  private commits: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly engine: DuckDbClient,
    readonly options: DoubleOptions,
  ) {}

  static async open(options: Partial<DoubleOptions> = {}): Promise<BigQueryDouble> {
    // BigQuery's jobs run side by side, each on its snapshot: DuckDB's transactions on
    // connections of their own model them, so writes overlap here as jobs do there.
    const engine = await DuckDbClient.open({
      path: ':memory:',
      connections: 32,
      writesAlone: false,
    });
    return new BigQueryDouble(engine, {
      latencyMs: options.latencyMs ?? 20,
      retry: options.retry ?? { attempts: 6, baseDelayMs: 20, maxDelayMs: 400 },
    });
  }

  /** One replica's client: its own retries and job ids, this double's tables and rules. */
  replica(name: string): WarehouseClient {
    return new DoubleReplica(this, name);
  }

  jobsOf(
    filter: Partial<Pick<JobRecord, 'replica' | 'operation' | 'kind' | 'outcome'>>,
  ): JobRecord[] {
    return this.jobs.filter((job) =>
      Object.entries(filter).every(([key, value]) => job[key as keyof JobRecord] === value),
    );
  }

  async close(): Promise<void> {
    await this.engine.close();
  }

  /** Runs one job of a replica: its job id (409: the existing job is awaited), retries with new ids. */
  async job<T>(
    replica: string,
    kind: JobKind,
    statementish: Pick<Statement, 'sql' | 'params' | 'job'>,
    work: (record: JobRecord) => Promise<T>,
  ): Promise<T> {
    const base = jobIdFor(statementish);
    const operation = statementish.job?.operation ?? 'statement';
    let rerun = 0;
    return withRetry(
      this.options.retry,
      async () => {
        const record: JobRecord = {
          replica,
          jobId: rerunJobId(base, rerun),
          operation,
          kind,
          reruns: 0,
          outcome: 'running',
        };
        const existing = this.jobIds.get(record.jobId);
        if (existing) return existing as Promise<T>; // 409: that job is awaited, not run again
        this.jobs.push(record);
        const running = work(record).then(
          (result) => {
            record.outcome = 'committed';
            return result;
          },
          (error: unknown) => {
            record.outcome = 'failed';
            record.error = error instanceof Error ? error.message : String(error);
            rerun++;
            throw error;
          },
        );
        this.jobIds.set(record.jobId, running);
        return running;
      },
      (error) =>
        error instanceof WarehouseError
          ? error
          : new WarehouseError(String(error), 'other', operation, { cause: error }),
      (failed, attempt) =>
        this.logger.debug({ replica, operation, attempt, error: failed.message }, 'job retried'),
    );
  }

  /** Metadata API calls (tables.list, tables.get): counted apart from jobs, never conflicting. */
  readonly metadataCalls: { replica: string }[] = [];

  async metadata<T>(replica: string, work: () => Promise<T>): Promise<T> {
    this.metadataCalls.push({ replica });
    await sleep(this.options.latencyMs);
    return work();
  }

  async read(statement: Statement): Promise<Row[]> {
    await sleep(this.options.latencyMs);
    return this.engine.query(statement);
  }

  async other(work: () => Promise<number>): Promise<number> {
    await sleep(this.options.latencyMs);
    return work();
  }

  /** An INSERT or a mutation outside any transaction, under the conflict rules. */
  async write(statement: Statement, record: JobRecord): Promise<number> {
    await sleep(this.options.latencyMs / 2);
    for (;;) {
      try {
        return await this.attempt(statement);
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        await error.blocker?.done;
        // Behind an open transaction a statement is queued, not failed: it runs afresh after.
        if (error.blocker?.transaction) continue;
        if (record.reruns >= RERUNS) {
          throw new WarehouseError(
            `Could not serialize access to table ${error.table} due to concurrent update`,
            'conflict',
            record.operation,
          );
        }
        record.reruns++;
      }
    }
  }

  /** A transaction: one snapshot, its checks, committed only if nothing it mutated changed since. */
  async transaction(steps: readonly TransactionStep[], job: JobKey): Promise<void> {
    await sleep(this.options.latencyMs / 2);
    const { write: tx, finish } = openWrite(true);
    const snapshot = this.version;
    this.open.add(tx);
    try {
      await this.engine.session(async (session) => {
        await session.begin();
        try {
          const watched: Session = {
            ...session,
            execute: (statement) => this.executeWatched(session, statement, tx),
          };
          await runSteps(watched, steps, job.operation);
          await sleep(this.options.latencyMs / 2);
          await this.exclusive(async () => {
            const lost = this.changedSince(tx.touched, snapshot);
            if (lost) throw new Conflict(lost.table);
            await session.commit();
            this.recordCommit(tx.touched);
          });
        } catch (error) {
          await session.rollback();
          throw error instanceof Conflict
            ? new WarehouseError(
                `Transaction is aborted due to concurrent update against table ${error.table}`,
                'conflict',
                job.operation,
              )
            : error;
        }
      });
    } finally {
      this.open.delete(tx);
      finish();
    }
  }

  /** One try of a write: its snapshot, its execution, then the commit check. */
  private attempt(statement: Statement): Promise<number> {
    const snapshot = this.version;
    return this.engine.session(async (session) => {
      await session.begin();
      const { write, finish } = openWrite(false);
      this.open.add(write);
      try {
        const changed = await this.executeWatched(session, statement, write);
        await sleep(this.options.latencyMs / 2);
        await this.exclusive(async () => {
          const blocking = this.openTouching(write.touched, write);
          if (blocking?.transaction) throw new Conflict(write.touched[0]?.table ?? '', blocking);
          const lost = this.changedSince(write.touched, snapshot);
          if (lost) throw new Conflict(lost.table);
          await session.commit();
          this.recordCommit(write.touched);
        });
        return changed;
      } catch (error) {
        await session.rollback();
        throw error;
      } finally {
        this.open.delete(write);
        finish();
      }
    });
  }

  /** Runs a write and notes what it mutated (a MERGE that only inserted mutates nothing). */
  private async executeWatched(
    session: Session,
    statement: Statement,
    write: OpenWrite,
  ): Promise<number> {
    const target = targetOf(statement);
    if (target) write.intents.push(target);
    try {
      return await this.executeNoting(session, statement, target, write.touched);
    } catch (error) {
      // The engine refused a row an uncommitted or newer write changed: a conflict, to wait out.
      if (!isEngineConflict(error) || !target) throw error;
      const blocker = [...this.open].find(
        (w) => w !== write && [...w.touched, ...w.intents].some((t) => overlaps(t, target)),
      );
      throw new Conflict(target.table, blocker);
    }
  }

  private async executeNoting(
    session: Session,
    statement: Statement,
    target: Target | undefined,
    touched: Target[],
  ): Promise<number> {
    if (/^\s*MERGE\b/i.test(statement.sql)) {
      const actions = await session.query({
        ...statement,
        sql: `${statement.sql}\nRETURNING merge_action`,
      });
      if (target && actions.some((row) => row.merge_action !== 'INSERT')) touched.push(target);
      return actions.length;
    }
    const changed = await session.execute(statement);
    if (target && kindOf(statement.sql) === 'mutate' && changed > 0) touched.push(target);
    return changed;
  }

  private changedSince(touched: readonly Target[], snapshot: number): Target | undefined {
    return this.committed.find(
      (c) => c.version > snapshot && touched.some((t) => overlaps(t, c.target)),
    )?.target;
  }

  private openTouching(touched: readonly Target[], self?: OpenWrite): OpenWrite | undefined {
    return [...this.open].find(
      (w) => w !== self && w.touched.some((a) => touched.some((b) => overlaps(a, b))),
    );
  }

  private recordCommit(touched: readonly Target[]): void {
    if (touched.length === 0) return;
    this.version++;
    for (const target of touched) this.committed.push({ target, version: this.version });
  }

  /** Commit checks and commits one at a time, as the engine's commit is. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.commits.then(work, work);
    this.commits = next.catch(() => undefined);
    return next;
  }
}

function isEngineConflict(error: unknown): boolean {
  return error instanceof WarehouseError && error.kind === 'conflict';
}

/** A replica's client: what BigQueryClient is to BigQuery, this is to the double. */
class DoubleReplica extends WarehouseClient {
  readonly dialect: DuckDbDialect;

  constructor(
    private readonly double: BigQueryDouble,
    readonly name: string,
  ) {
    super();
    this.dialect = double.engine.dialect;
  }

  query(statement: Statement): Promise<Row[]> {
    return this.double.job(this.name, 'read', statement, () => this.double.read(statement));
  }

  execute(statement: Statement): Promise<number> {
    const kind = kindOf(statement.sql);
    return this.double.job(this.name, kind, statement, (record) =>
      kind === 'insert' || kind === 'mutate'
        ? this.double.write(statement, record)
        : kind === 'read'
          ? this.double.read(statement).then((rows) => rows.length)
          : this.double.other(() => this.double.engine.execute(statement)),
    );
  }

  /** Appends never conflict (BigQuery: streaming and INSERT). */
  appendRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    return this.rowsJob(table, 'append', rows, () => this.double.engine.appendRows(table, rows));
  }

  insertRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    return this.rowsJob(table, 'insert', rows, () => this.double.engine.insertRows(table, rows));
  }

  replaceTable(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    return this.rowsJob(table, 'replace', rows, () => this.double.engine.replaceTable(table, rows));
  }

  transaction(steps: readonly TransactionStep[], job: JobKey): Promise<void> {
    const script = {
      sql: steps.map((s) => s.statement.sql).join(';\n'),
      params: Object.fromEntries(
        steps.flatMap((s, i) =>
          Object.entries(s.statement.params).map(([n, p]) => [`s${i}_${n}`, p]),
        ),
      ),
      job,
    };
    return this.double.job(this.name, 'transaction', script, () =>
      this.double.transaction(steps, job),
    );
  }

  /** Table metadata (the tables API on BigQuery): an API call, not a query job. */
  tablesWithPrefix(prefix: string): Promise<TableInfo[]> {
    return this.double.metadata(this.name, () => this.double.engine.tablesWithPrefix(prefix));
  }

  ensureDatabase(): Promise<void> {
    return Promise.resolve();
  }

  /** The double outlives its replicas: the test closes it. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private rowsJob(
    table: TableDefinition,
    verb: string,
    rows: readonly Row[],
    work: () => Promise<number>,
  ): Promise<number> {
    const statement = {
      sql: `${verb} ${table.name}`,
      params: { rows: { value: JSON.stringify(rows), type: 'STRING' as const } },
      job: { operation: `${verb}_${table.name}` },
    };
    return this.double.job(this.name, verb === 'replace' ? 'ddl' : 'insert', statement, () =>
      this.double.other(work),
    );
  }
}
