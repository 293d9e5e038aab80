import { AsyncLocalStorage } from 'node:async_hooks';
import type { JobKey, Statement } from './sql/statement';
import type { TableDefinition } from './table-definition';
import { WarehouseError, type WarehouseClient, type WarehouseErrorKind } from './warehouse-client';

/** One call of the application to its warehouse, as the telemetry saw it. */
export interface WarehouseCall {
  /** The statement's job operation (`merge`, `open_batches`...) or what the call did. */
  readonly operation: string;
  readonly seconds: number;
  readonly outcome: 'ok' | WarehouseErrorKind | 'error';
}

export type WarehouseCallListener = (call: WarehouseCall) => void;

/**
 * What the application's calls to its warehouse tell: each call's latency (for metrics,
 * through listeners) and whether the last one succeeded, and when (for readiness, which
 * then needs no call of its own). One per application; `instrument` feeds it.
 */
export class WarehouseTelemetry {
  private readonly listeners: WarehouseCallListener[] = [];
  private last: { readonly ok: boolean; readonly at: number } | undefined;
  private closed = false;

  onCall(listener: WarehouseCallListener): void {
    this.listeners.push(listener);
  }

  /** Whether the last call succeeded less than `seconds` ago (and the client is open). */
  answeredWithin(seconds: number): boolean {
    return (
      !this.closed &&
      this.last !== undefined &&
      this.last.ok &&
      performance.now() - this.last.at < seconds * 1000
    );
  }

  record(call: WarehouseCall): void {
    this.last = { ok: call.outcome === 'ok', at: performance.now() };
    for (const listener of this.listeners) listener(call);
  }

  markClosed(): void {
    this.closed = true;
  }
}

function outcomeOf(error: unknown): WarehouseCall['outcome'] {
  return error instanceof WarehouseError ? error.kind : 'error';
}

/**
 * Times every call the application makes through the port, on the client itself (so what
 * calls a method on the instance, tests' hooks included, still reaches the adapter's own).
 * A call made inside another (appendRows built on execute, DuckDB) counts once, as the
 * outer call. Adapters and repositories are unchanged.
 */
export function instrument(client: WarehouseClient, telemetry: WarehouseTelemetry): void {
  const inside = new AsyncLocalStorage<true>();
  const timed = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    if (inside.getStore()) return call();
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const result = await inside.run(true, call);
      telemetry.record({ operation, seconds: seconds(), outcome: 'ok' });
      return result;
    } catch (error) {
      telemetry.record({ operation, seconds: seconds(), outcome: outcomeOf(error) });
      throw error;
    }
  };
  const of = (statement: Statement) => statement.job?.operation ?? 'statement';
  const query = client.query.bind(client);
  const execute = client.execute.bind(client);
  const transaction = client.transaction.bind(client);
  const appendRows = client.appendRows.bind(client);
  const insertRows = client.insertRows.bind(client);
  const replaceTable = client.replaceTable.bind(client);
  const tablesWithPrefix = client.tablesWithPrefix.bind(client);
  const ping = client.ping.bind(client);
  const close = client.close.bind(client);
  client.query = (s: Statement) => timed(of(s), () => query(s));
  client.execute = (s: Statement) => timed(of(s), () => execute(s));
  client.transaction = (steps, job: JobKey) => timed(job.operation, () => transaction(steps, job));
  client.appendRows = (table: TableDefinition, rows) =>
    timed(`append_${table.name}`, () => appendRows(table, rows));
  client.insertRows = (table: TableDefinition, rows) =>
    timed(`insert_${table.name}`, () => insertRows(table, rows));
  client.replaceTable = (table: TableDefinition, rows) =>
    timed('replace_table', () => replaceTable(table, rows));
  client.tablesWithPrefix = (prefix: string) =>
    timed('list_tables', () => tablesWithPrefix(prefix));
  client.ping = () => timed('readiness', () => ping());
  client.close = async () => {
    telemetry.markClosed();
    await close();
  };
}
