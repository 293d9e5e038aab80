import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuckDbClient, toIsoInstant } from './duckdb.client';

describe('DuckDB timestamps read back as ISO instants', () => {
  it('pads trimmed fractions and keeps milliseconds', () => {
    assert.equal(toIsoInstant('2026-01-30 10:00:22.07+00'), '2026-01-30T10:00:22.070Z');
    assert.equal(toIsoInstant('2026-01-30 10:00:54.9+00'), '2026-01-30T10:00:54.900Z');
    assert.equal(toIsoInstant('2026-01-30 10:00:00+00'), '2026-01-30T10:00:00.000Z');
    assert.equal(toIsoInstant('2026-01-30 10:00:00.123456+00'), '2026-01-30T10:00:00.123Z');
  });

  it('converts other offsets to UTC', () => {
    assert.equal(toIsoInstant('2026-01-30 10:00:00.5+02'), '2026-01-30T08:00:00.500Z');
  });
});

describe('DuckDB strings read back exactly as stored', () => {
  it('keeps a leading U+FEFF (a default TextDecoder would drop it)', async () => {
    const client = await DuckDbClient.open({ path: ':memory:', connections: 1 });
    try {
      const rows = await client.query({
        sql: 'SELECT CAST($s AS VARCHAR) AS s, length(CAST($s AS VARCHAR)) AS n',
        params: { s: { value: '\ufeffab', type: 'STRING' } },
      });
      assert.deepEqual(rows, [{ s: '\ufeffab', n: 3 }]);
    } finally {
      await client.close();
    }
  });
});
