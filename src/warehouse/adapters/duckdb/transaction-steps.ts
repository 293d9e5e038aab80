import type { Row, Statement } from '../../sql/statement';
import { checkFailed, type TransactionStep } from '../../warehouse-client';

/** Statements on one pinned connection, inside or outside an explicit transaction. */
export interface Session {
  query(statement: Statement): Promise<Row[]>;
  execute(statement: Statement): Promise<number>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Runs a transaction's steps on a session whose transaction is open, evaluating each
 * step's check on the spot: the first that fails throws (the caller rolls back).
 * `afterWrite` sees every write and what it changed (the BigQuery double watches them).
 */
export async function runSteps(
  session: Session,
  steps: readonly TransactionStep[],
  operation: string,
  afterWrite?: (statement: Statement, changed: number) => void,
): Promise<void> {
  for (const step of steps) {
    if (step.kind === 'check') {
      const problem = (await session.query(step.statement))[0]?.problem;
      if (typeof problem === 'string') throw checkFailed(step.check, problem, operation);
      continue;
    }
    const changed = await session.execute(step.statement);
    afterWrite?.(step.statement, changed);
    const expected = step.expectChanged;
    if (expected === undefined) continue;
    if (expected === 'some' ? changed === 0 : changed !== expected) {
      const wanted = expected === 'some' ? 'at least 1' : String(expected);
      throw checkFailed(
        step.check ?? 'changed_rows',
        `changed ${changed} row(s) where ${wanted} were expected`,
        operation,
      );
    }
  }
}
