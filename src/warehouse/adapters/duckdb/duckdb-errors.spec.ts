import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuckDbClient } from './duckdb.client';

describe('DuckDB errors are classified by what DuckDB said, not by the SQL it quotes', () => {
  it('a conversion error in an INSERT ... ON CONFLICT is invalid input, not a retryable conflict', async () => {
    const client = await DuckDbClient.open({ path: ':memory:', connections: 1 });
    try {
      await client.execute({ sql: 'CREATE TABLE t (k INTEGER PRIMARY KEY)', params: {} });
      await assert.rejects(
        client.execute({
          sql: `INSERT INTO t VALUES ('not a number') ON CONFLICT DO NOTHING`,
          params: {},
        }),
        (error: { kind?: string; retryable?: boolean }) =>
          error.kind === 'invalid' && error.retryable === false,
      );
    } finally {
      await client.close();
    }
  });
});
