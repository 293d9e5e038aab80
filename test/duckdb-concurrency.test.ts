import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDbClient } from '../src/warehouse/adapters/duckdb/duckdb.client';
import { ConnectionPool } from '../src/warehouse/adapters/duckdb/connection-pool';
import { SchemaBootstrap } from '../src/warehouse/schema-bootstrap';
import { StagingRepository } from '../src/predictions/staging.repository';
import { STAGED_ROWS_TABLE } from '../src/warehouse/tables';
import type { Row } from '../src/warehouse/sql/statement';

describe('DuckDB: reads and writes of one process', () => {
  let dir: string;
  let client: DuckDbClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duckdb-concurrency-'));
    client = await DuckDbClient.open({ path: join(dir, 'db.duckdb'), connections: 4 });
  });
  after(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a read of staged writes never returns a write its filter excludes, while workers stage', async () => {
    // DuckDB 1.5.6, four connections side by side: about one read in twenty raced by a
    // staging INSERT returned the new write's rows although `write_seq <= cutoff` excludes
    // them. The pool keeps scans and writes apart; this races them 150 times.
    await new SchemaBootstrap(client).run();
    const staging = new StagingRepository(client);
    const rows = (player: string): Row[] =>
      Array.from({ length: 7 }, (_, i) => ({
        game_date: '2026-03-01',
        prediction_id: `${player}-${i}`,
        system_id: `system_${i}`,
        current_points_line: 20.5 + i,
        predicted_points: 22.4,
      }));
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 0, minute)).toISOString();
    const wrong: string[] = [];
    for (let round = 0; round < 150; round++) {
      const batchId = `b20260301_${round + 1}`;
      await staging.replacePlayerStaging(batchId, 'max', rows('max'), at(2 * round));
      await staging.replacePlayerStaging(batchId, 'ned', rows('ned'), at(2 * round));
      const [found] = await client.query({
        sql: `SELECT CAST(MAX(write_seq) AS VARCHAR) AS cutoff FROM ${STAGED_ROWS_TABLE.name} WHERE batch_id = '${batchId}'`,
        params: {},
      });
      const read = {
        sql: `SELECT COUNT(*) AS n FROM ${STAGED_ROWS_TABLE.name}
WHERE game_date = DATE '2026-03-01' AND batch_id = '${batchId}' AND write_seq <= ${String(found?.cutoff)}`,
        params: {},
      };
      const late = staging.replacePlayerStaging(batchId, 'oda', rows('oda'), at(2 * round + 1));
      await new Promise((r) => setTimeout(r, round % 5));
      const [[counted]] = await Promise.all([client.query(read), late]);
      if (Number(counted?.n) !== 14) wrong.push(`round ${round}: ${String(counted?.n)} rows`);
    }
    assert.deepEqual(wrong, [], 'every read returned the 14 rows staged before it');
  });

  it('a write waits for the reads in flight, and reads that arrive after it wait for it', async () => {
    const pool = new ConnectionPool(['a', 'b', 'c']);
    const order: string[] = [];
    const hold = (name: string, ms: number) => async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name} end`);
    };
    await Promise.all([
      pool.use('read', hold('r1', 30)),
      pool.use('read', hold('r2', 30)),
      pool.use('write', hold('w', 10)),
      pool.use('read', hold('r3', 1)),
    ]);
    assert.deepEqual(order, [
      'r1 start',
      'r2 start',
      'r1 end',
      'r2 end',
      'w start',
      'w end',
      'r3 start',
      'r3 end',
    ]);
  });
});
