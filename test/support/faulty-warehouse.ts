import type { JobKey, Row, Statement } from '../../src/warehouse/sql/statement';
import {
  WarehouseClient,
  WarehouseError,
  type TransactionStep,
} from '../../src/warehouse/warehouse-client';
import { seededRandom } from '../../scripts/seeded-random';

export { seededRandom };

/** Shuffles a copy of `items` with `random` (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export interface FaultOptions {
  /** Share of statements that fail, from 0 to 1. */
  readonly rate: number;
  readonly seed?: number;
  /** Which statements may fail (by job.operation); every statement when absent. */
  readonly operations?: (operation: string, statement: Statement) => boolean;
  /** Where a fault strikes; half before and half after the statement when absent. */
  readonly strike?: 'before' | 'after';
}

export interface FaultInjector {
  /** Statements seen while faults were on, and faults injected per operation. */
  readonly seen: number;
  readonly injected: ReadonlyMap<string, number>;
  readonly injectedTotal: number;
  /** Every statement that went through the wrapper, faulty or not, in order. */
  readonly statements: readonly Statement[];
  executed(operation: string): number;
  setRate(rate: number): void;
  restore(): void;
}

/**
 * Wraps the app's warehouse client so a share of statements fail with a retryable
 * WarehouseError ('unavailable'), as a flaky network or an overloaded engine would. Half of
 * the faults strike before the statement runs (it never happened), half after it ran (it
 * happened, but the answer was lost), which is what makes retries dangerous.
 * appendRows and replaceTable are built on query and execute, so every statement is covered.
 */
export function injectFaults(client: WarehouseClient, options: FaultOptions): FaultInjector {
  const random = seededRandom(options.seed ?? 1);
  let rate = options.rate;
  let seen = 0;
  const injected = new Map<string, number>();
  const statements: Statement[] = [];
  const query = client.query.bind(client);
  const execute = client.execute.bind(client);
  const transaction = client.transaction.bind(client);

  const fault = async <T>(
    statement: Statement,
    run: () => Promise<T>,
    recorded: readonly Statement[] = [statement],
  ): Promise<T> => {
    const operation = statement.job?.operation ?? 'statement';
    statements.push(...recorded);
    if (rate <= 0 || (options.operations && !options.operations(operation, statement)))
      return run();
    seen++;
    const roll = random();
    if (roll >= rate) return run();
    injected.set(operation, (injected.get(operation) ?? 0) + 1);
    const error = new WarehouseError(`injected fault in ${operation}`, 'unavailable', operation);
    // Unless told, the lower half of the failing rolls fails before, the upper half after.
    const before = options.strike ? options.strike === 'before' : roll < rate / 2;
    if (before) throw error;
    await run();
    throw error;
  };

  client.query = (statement: Statement): Promise<Row[]> => fault(statement, () => query(statement));
  client.execute = (statement: Statement): Promise<number> =>
    fault(statement, () => execute(statement));
  // A transaction is one statement to the engine (one BigQuery job): it fails, or its answer is lost, whole.
  client.transaction = (steps: readonly TransactionStep[], job: JobKey): Promise<void> =>
    fault(
      { sql: 'BEGIN TRANSACTION', params: {}, job },
      () => transaction(steps, job),
      steps.map((step) => step.statement),
    );
  return {
    get seen() {
      return seen;
    },
    injected,
    get injectedTotal() {
      return [...injected.values()].reduce((sum, n) => sum + n, 0);
    },
    statements,
    executed(operation: string) {
      return statements.filter((s) => s.job?.operation === operation).length;
    },
    setRate(next: number) {
      rate = next;
    },
    restore() {
      rate = 0;
      client.query = query;
      client.execute = execute;
      client.transaction = transaction;
    },
  };
}
