/**
 * A warehouse in another process: the BigQuery double (test/support/bigquery-double.ts)
 * served over local HTTP by the bench, and a WarehouseClient in the service's process
 * that forwards every call to it. The service's process then holds no table data, as with
 * BigQuery, which is what the BigQuery-mode memory figure measures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DuckDbDialect } from '../../src/warehouse/adapters/duckdb/duckdb.dialect';
import type { JobKey, Row, Statement } from '../../src/warehouse/sql/statement';
import type { TableDefinition } from '../../src/warehouse/table-definition';
import {
  WarehouseClient,
  WarehouseError,
  type TableInfo,
  type TransactionStep,
  type WarehouseErrorKind,
} from '../../src/warehouse/warehouse-client';

type Method =
  | 'query'
  | 'execute'
  | 'appendRows'
  | 'insertRows'
  | 'replaceTable'
  | 'transaction'
  | 'tablesWithPrefix';

interface Failure {
  readonly message: string;
  readonly kind: WarehouseErrorKind;
  readonly operation: string;
  readonly check?: string;
}

/** Serves `client` (a replica of the double) at a loopback URL until the returned stop is called. */
export async function serveWarehouse(
  client: WarehouseClient,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const call = (method: Method, args: unknown[]): Promise<unknown> => {
    switch (method) {
      case 'query':
        return client.query(args[0] as Statement);
      case 'execute':
        return client.execute(args[0] as Statement);
      case 'appendRows':
        return client.appendRows(args[0] as TableDefinition, args[1] as Row[]);
      case 'insertRows':
        return client.insertRows(args[0] as TableDefinition, args[1] as Row[]);
      case 'replaceTable':
        return client.replaceTable(args[0] as TableDefinition, args[1] as Row[]);
      case 'transaction':
        return client.transaction(args[0] as TransactionStep[], args[1] as JobKey);
      case 'tablesWithPrefix':
        return client.tablesWithPrefix(args[0] as string);
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { method, args } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        method: Method;
        args: unknown[];
      };
      call(method, args).then(
        (result) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ result: result ?? null }));
        },
        (error: unknown) => {
          const failure: Failure =
            error instanceof WarehouseError
              ? {
                  message: error.message,
                  kind: error.kind,
                  operation: error.operation,
                  ...(error.check ? { check: error.check } : {}),
                }
              : { message: String(error), kind: 'other', operation: method };
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ failure }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The service's side: every call goes to the served warehouse. Its SQL is DuckDB's (the double runs it). */
export class RemoteWarehouseClient extends WarehouseClient {
  readonly dialect = new DuckDbDialect();

  constructor(private readonly url: string) {
    super();
  }

  query(statement: Statement): Promise<Row[]> {
    return this.call('query', [statement]);
  }
  execute(statement: Statement): Promise<number> {
    return this.call('execute', [statement]);
  }
  appendRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    return this.call('appendRows', [table, rows]);
  }
  insertRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    return this.call('insertRows', [table, rows]);
  }
  replaceTable(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    return this.call('replaceTable', [table, rows]);
  }
  async transaction(steps: readonly TransactionStep[], job: JobKey): Promise<void> {
    await this.call('transaction', [steps, job]);
  }
  tablesWithPrefix(prefix: string): Promise<TableInfo[]> {
    return this.call('tablesWithPrefix', [prefix]);
  }
  ensureDatabase(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }

  private async call<T>(method: Method, args: unknown[]): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method, args }),
    });
    const body = (await response.json()) as { result?: T; failure?: Failure };
    if (body.failure) {
      const { message, kind, operation, check } = body.failure;
      throw new WarehouseError(message, kind, operation, check ? { check } : {});
    }
    return body.result as T;
  }
}
