/**
 * Test only, preloaded into the production process with `node -r <this file>`: makes the
 * process die (SIGKILL) or stall around the N-th warehouse statement of one operation, so
 * tests can stop a consolidation at an exact step.
 *
 *   CRASH_AFTER_OPERATION=merge      SIGKILL right after the statement returned
 *   CRASH_BEFORE_OPERATION=drop_table SIGKILL right before the statement runs
 *   CRASH_OCCURRENCE=2               the 2nd statement of that operation (default 1; `every`: each)
 *   HOLD_AFTER_OPERATION=snapshot    instead, wait HOLD_MS (default 3000) after it
 *
 * Each action is announced on stderr as one JSON line first: {"hook":...,"operation":...}.
 * A row write (insert_<table>, append_<table>) strikes each call: calls that arrive together
 * share one statement (group commit), and a call is what a worker waits on.
 */
import { DuckDbClient } from '../../src/warehouse/adapters/duckdb/duckdb.client';
import type { JobKey, Row, Statement } from '../../src/warehouse/sql/statement';
import type { TableDefinition } from '../../src/warehouse/table-definition';
import { OWNED_TABLES } from '../../src/warehouse/tables';
import type { TransactionStep } from '../../src/warehouse/warehouse-client';

type Point = {
  readonly action: 'crash' | 'hold';
  readonly when: 'before' | 'after';
  readonly operation: string;
};

function pointFromEnv(env: NodeJS.ProcessEnv): Point | undefined {
  if (env.CRASH_AFTER_OPERATION)
    return { action: 'crash', when: 'after', operation: env.CRASH_AFTER_OPERATION };
  if (env.CRASH_BEFORE_OPERATION)
    return { action: 'crash', when: 'before', operation: env.CRASH_BEFORE_OPERATION };
  if (env.HOLD_AFTER_OPERATION)
    return { action: 'hold', when: 'after', operation: env.HOLD_AFTER_OPERATION };
  return undefined;
}

const point = pointFromEnv(process.env);
const every = process.env.CRASH_OCCURRENCE === 'every';
const occurrence = Number(process.env.CRASH_OCCURRENCE ?? '1');
const holdMs = Number(process.env.HOLD_MS ?? '3000');
let seen = 0;

async function strike(target: Point, statement: Statement): Promise<void> {
  process.stderr.write(
    `${JSON.stringify({ hook: target.action, when: target.when, operation: target.operation, occurrence, pid: process.pid, sql: statement.sql.slice(0, 60) })}\n`,
  );
  if (target.action === 'crash') process.kill(process.pid, 'SIGKILL');
  else await new Promise((resolve) => setTimeout(resolve, holdMs));
}

type StatementMethod = 'query' | 'execute';

/** Replaces a DuckDbClient method with one that strikes at the chosen statement. */
function patch(name: StatementMethod, target: Point): void {
  const original = Reflect.get(DuckDbClient.prototype, name) as (
    this: DuckDbClient,
    statement: Statement,
  ) => Promise<unknown>;
  const patched = async function (this: DuckDbClient, statement: Statement): Promise<unknown> {
    const hit = statement.job?.operation === target.operation && (every || ++seen === occurrence);
    if (hit && target.when === 'before') await strike(target, statement);
    const result = await original.call(this, statement);
    if (hit && target.when === 'after') await strike(target, statement);
    return result;
  };
  Reflect.set(DuckDbClient.prototype, name, patched);
}

/** The same for transactions (the MERGE commits in one): the hit is the transaction's operation. */
function patchTransaction(target: Point): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this)
  const original = DuckDbClient.prototype.transaction;
  const patched = async function (
    this: DuckDbClient,
    steps: readonly TransactionStep[],
    job: JobKey,
  ): Promise<void> {
    const hit = job.operation === target.operation && ++seen === occurrence;
    const statement = steps.find((s) => s.statement.job?.operation === job.operation)?.statement;
    const shown = statement ?? { sql: 'BEGIN TRANSACTION', params: {}, job };
    if (hit && target.when === 'before') await strike(target, shown);
    await original.call(this, steps, job);
    if (hit && target.when === 'after') await strike(target, shown);
  };
  Reflect.set(DuckDbClient.prototype, 'transaction', patched);
}

const ROW_METHODS = { insert: 'insertRows', append: 'appendRows' } as const;

/** The same for each call of a row write, whatever statement it shares. */
function patchRows(kind: keyof typeof ROW_METHODS, target: Point): void {
  const name = ROW_METHODS[kind];
  const original = Reflect.get(DuckDbClient.prototype, name);
  const patched = async function (
    this: DuckDbClient,
    table: TableDefinition,
    rows: readonly Row[],
  ): Promise<number> {
    const operation = `${kind}_${table.name}`;
    const hit = operation === target.operation && (every || ++seen === occurrence);
    const shown = { sql: `${name}(${table.name})`, params: {}, job: { operation } };
    if (hit && target.when === 'before') await strike(target, shown);
    const result = await original.call(this, table, rows);
    if (hit && target.when === 'after') await strike(target, shown);
    return result;
  };
  Reflect.set(DuckDbClient.prototype, name, patched);
}

const rowWrite = (['insert', 'append'] as const).find((kind) =>
  OWNED_TABLES.some((table) => point?.operation === `${kind}_${table.name}`),
);
if (point && rowWrite) patchRows(rowWrite, point);
else if (point) {
  patch('query', point);
  patch('execute', point);
  patchTransaction(point);
}
