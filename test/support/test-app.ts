import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/app-factory';
import type { IdTokenKeySource } from '../../src/auth/id-token-verifier';
import { Clock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import type { WarehouseClient } from '../../src/warehouse/warehouse-client';

export interface GraphqlResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** A clock tests move by hand. */
export class FrozenClock extends Clock {
  constructor(private current = new Date('2026-01-30T15:00:00.000Z')) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface TestApp {
  readonly app: INestApplication;
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The server's root, for the probes and /metrics. */
  readonly base: string;
  readonly dir: string;
  readonly dbPath: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse<T>>;
  /** Asserts no errors and returns data. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Reuse a database file (restart tests); a fresh temporary one otherwise. */
  dbPath?: string;
  /** Keys that sign the ID tokens the test makes (see id-tokens.ts); Google's otherwise. */
  idTokenKeys?: IdTokenKeySource;
  /** A warehouse shared with other instances (replica tests); the app's own DuckDB file otherwise. */
  warehouse?: WarehouseClient;
}

/** Boots the real AppModule on a temporary DuckDB file and a loopback port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-test-'));
  const dbPath = options.dbPath ?? join(dir, 'coordinator.duckdb');
  const config = AppConfig.with({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DUCKDB_PATH: dbPath,
    CONSOLIDATION_CRON_ENABLED: 'false',
    ...options.env,
  });
  const app = await createApp({
    config,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.idTokenKeys ? { idTokenKeys: options.idTokenKeys } : {}),
    ...(options.warehouse ? { warehouse: options.warehouse } : {}),
  });
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const url = `${base}/graphql`;
  const gql = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphqlResponse<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse<T>;
  };
  return {
    app,
    url,
    base,
    dir,
    dbPath,
    gql,
    async ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const result = await gql<T>(query, variables);
      if (result.errors?.length || !result.data) {
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      }
      return result.data;
    },
    async close() {
      await app.close();
      // A reused database file belongs to the caller; the fresh directory is ours either way.
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The error codes of a response, for assertions. */
export function codes(response: GraphqlResponse<unknown>): string[] {
  return (response.errors ?? []).map((e) => String(e.extensions?.code));
}
