import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toIsoInstant } from './duckdb.client';

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
