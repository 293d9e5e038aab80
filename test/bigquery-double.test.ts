/**
 * The BigQuery double keeps BigQuery's documented concurrency rules (test/support/bigquery-double.ts),
 * and under them the old lease is taken twice while the lease the service uses now is not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LockRepository } from '../src/consolidation/lock.repository';
import { SchemaBootstrap } from '../src/warehouse/schema-bootstrap';
import { SqlBuilder } from '../src/warehouse/sql/sql-builder';
import type { Statement } from '../src/warehouse/sql/statement';
import { LOCKS_TABLE } from '../src/warehouse/tables';
import { WarehouseError, type WarehouseClient } from '../src/warehouse/warehouse-client';
import { BigQueryDouble } from './support/bigquery-double';

const LATENCY_MS = 40;

function leaseRow(client: WarehouseClient, date: string, owner: string | null): Statement {
  const sql = new SqlBuilder(client.dialect);
  return sql.build(
    `INSERT INTO ${sql.table(LOCKS_TABLE.name)} (game_date, owner, expires_at) VALUES (${sql.param(date, 'DATE')}, ${sql.param(owner, 'STRING')}, ${sql.param('2026-01-01T00:00:00Z', 'TIMESTAMP')})`,
    { job: { operation: 'seed', gameDate: date } },
  );
}

/** UPDATE of one date's lease rows; `onlyIfFree` makes it a compare-and-set. */
function setOwner(client: WarehouseClient, date: string, owner: string, onlyIfFree = false) {
  const sql = new SqlBuilder(client.dialect);
  const free = onlyIfFree ? ' AND owner IS NULL' : '';
  return sql.build(
    `UPDATE ${sql.table(LOCKS_TABLE.name)} SET owner = ${sql.param(owner, 'STRING')} WHERE game_date = ${sql.param(date, 'DATE')}${free}`,
    { job: { operation: 'set_owner', gameDate: date } },
  );
}

async function owners(client: WarehouseClient, date: string): Promise<unknown[]> {
  const sql = new SqlBuilder(client.dialect);
  const rows = await client.query(
    sql.build(
      `SELECT owner FROM ${sql.table(LOCKS_TABLE.name)} WHERE game_date = ${sql.param(date, 'DATE')} ORDER BY owner`,
    ),
  );
  return rows.map((r) => r.owner);
}

/**
 * The lease as it was until this change: insert the row if the date has none (a MERGE),
 * then read back whoever holds it. Kept here, verbatim in shape, to show the double
 * reproduces the race that made it unsafe on BigQuery.
 */
async function oldAcquire(client: WarehouseClient, date: string, owner: string) {
  const sql = new SqlBuilder(client.dialect);
  const locks = sql.table(LOCKS_TABLE.name);
  await client.execute(
    sql.build(
      `MERGE INTO ${locks} AS L
USING (SELECT ${sql.param(date, 'DATE')} AS game_date, ${sql.param(owner, 'STRING')} AS owner, ${sql.param('2026-01-30T10:00:00Z', 'TIMESTAMP')} AS acquired_at, ${sql.param('2026-01-30T10:02:00Z', 'TIMESTAMP')} AS expires_at) AS S
ON L.game_date = S.game_date
WHEN MATCHED AND L.expires_at < S.acquired_at THEN
  UPDATE SET owner = S.owner, acquired_at = S.acquired_at, expires_at = S.expires_at
WHEN NOT MATCHED THEN
  INSERT (game_date, owner, acquired_at, expires_at) VALUES (S.game_date, S.owner, S.acquired_at, S.expires_at)`,
      { job: { operation: 'lock_acquire', gameDate: date } },
    ),
  );
  const read = new SqlBuilder(client.dialect);
  const [row] = await client.query(
    read.build(`SELECT owner FROM ${locks} WHERE game_date = ${read.param(date, 'DATE')}`),
  );
  return row?.owner;
}

describe('the BigQuery double', () => {
  let double: BigQueryDouble;
  let a: WarehouseClient;
  let b: WarehouseClient;

  before(async () => {
    double = await BigQueryDouble.open({ latencyMs: LATENCY_MS });
    a = double.replica('a');
    b = double.replica('b');
    await new SchemaBootstrap(a).run();
  });
  after(() => double.close());

  it('lets two inserts, and two MERGEs that only insert, commit side by side', async () => {
    await Promise.all([
      a.execute(leaseRow(a, '2026-03-01', 'x')),
      b.execute(leaseRow(b, '2026-03-01', 'y')),
    ]);
    assert.deepEqual(await owners(a, '2026-03-01'), ['x', 'y']);
    // The old lease: both acquirers find no row and both insert one naming themselves. Which
    // row its read-back (no ORDER BY) returns first is unspecified on BigQuery: both may run.
    await Promise.all([oldAcquire(a, '2026-03-02', 'run-a'), oldAcquire(b, '2026-03-02', 'run-b')]);
    assert.deepEqual(await owners(a, '2026-03-02'), ['run-a', 'run-b'], 'both hold a lease row');
    assert.ok(double.jobsOf({ operation: 'lock_acquire' }).every((j) => j.reruns === 0));
  });

  it('reruns the loser of two updates of one partition on the new state', async () => {
    const date = '2026-03-03';
    await a.execute(leaseRow(a, date, null));
    const changed = await Promise.all([
      a.execute(setOwner(a, date, 'run-a', true)),
      b.execute(setOwner(b, date, 'run-b', true)),
    ]);
    assert.deepEqual(
      [...changed].sort(),
      [0, 1],
      'one took the free row; the rerun found it taken',
    );
    const sets = double.jobsOf({ operation: 'set_owner' });
    assert.equal(
      sets.reduce((n, j) => n + j.reruns, 0),
      1,
      'the loser ran twice',
    );
  });

  it('never makes updates of different partitions conflict', async () => {
    const dates = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'];
    for (const date of dates) await a.execute(leaseRow(a, date, null));
    const before = double.jobs.length;
    await Promise.all(dates.map((date, i) => (i % 2 ? a : b).execute(setOwner(a, date, date))));
    assert.ok(double.jobs.slice(before).every((j) => j.reruns === 0));
  });

  it("fails a statement that lost more than three reruns with BigQuery's error", async () => {
    const date = '2026-03-08';
    {
      const noRetries = { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } };
      const storm = await BigQueryDouble.open({ latencyMs: LATENCY_MS, ...noRetries });
      try {
        const client = storm.replica('storm');
        await new SchemaBootstrap(client).run();
        await client.execute(leaseRow(client, date, null));
        const outcomes = await Promise.allSettled(
          Array.from({ length: 16 }, (_, i) => client.execute(setOwner(client, date, `w${i}`))),
        );
        const failures = outcomes.filter((o) => o.status === 'rejected');
        assert.ok(failures.length > 0, 'some statement lost four times in a row');
        for (const failure of failures) {
          const error: unknown = failure.reason;
          assert.ok(error instanceof WarehouseError && error.kind === 'conflict');
          assert.match(
            error.message,
            /^Could not serialize access to table consolidation_leases due to concurrent update$/,
          );
        }
        assert.ok(storm.jobsOf({ outcome: 'failed' }).every((j) => j.reruns === 3));
        assert.ok(outcomes.some((o) => o.status === 'fulfilled'));
      } finally {
        await storm.close();
      }
    }
  });

  it('aborts a transaction when what it mutated changed after its snapshot, and commits nothing of it', async () => {
    const date = '2026-03-09';
    await a.execute(leaseRow(a, date, 'x'));
    const tx = a.transaction(
      [
        { kind: 'write', statement: setOwner(a, date, 'tx') },
        { kind: 'write', statement: leaseRow(a, date, 'tx-insert') },
      ],
      { operation: 'tx_under_test', gameDate: date },
    );
    // While the transaction runs, another statement wants the same partition: it waits.
    await new Promise((r) => setTimeout(r, LATENCY_MS / 4));
    const outside = b.execute(setOwner(b, date, 'outside'));
    await tx;
    await outside;
    assert.deepEqual(await owners(a, date), ['outside', 'outside'], 'queued after the commit');

    // Two transactions mutating one partition at once: one commits, the other is cancelled.
    const strict = await BigQueryDouble.open({
      latencyMs: LATENCY_MS,
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    try {
      const [x, y] = [strict.replica('x'), strict.replica('y')];
      await new SchemaBootstrap(x).run();
      await x.execute(leaseRow(x, date, 'nobody'));
      const claim = (client: WarehouseClient, name: string) =>
        client.transaction(
          [
            { kind: 'write', statement: setOwner(client, date, name) },
            { kind: 'write', statement: leaseRow(client, date, `${name}-insert`) },
          ],
          { operation: 'tx_under_test', gameDate: date },
        );
      const outcomes = await Promise.allSettled([claim(x, 'x'), claim(y, 'y')]);
      const aborted = outcomes.filter((o) => o.status === 'rejected');
      assert.equal(aborted.length, 1, JSON.stringify(outcomes));
      const error: unknown = aborted[0]?.reason;
      assert.ok(error instanceof WarehouseError && error.kind === 'conflict');
      assert.match(
        error.message,
        /^Transaction is aborted due to concurrent update against table consolidation_leases$/,
      );
      const winner = outcomes[0]?.status === 'fulfilled' ? 'x' : 'y';
      assert.deepEqual(
        await owners(x, date),
        [winner, `${winner}-insert`],
        'nothing of the cancelled transaction landed',
      );
    } finally {
      await strict.close();
    }
  });

  it('runs a job id once: a second submission awaits the first', async () => {
    const date = '2026-03-10';
    const statement = {
      ...leaseRow(a, date, 'once'),
      job: { operation: 'seed', gameDate: date, attempt: 'run-1' },
    };
    const before = double.jobs.length;
    const started = Date.now();
    const [first, second] = await Promise.all([a.execute(statement), b.execute(statement)]);
    assert.deepEqual([first, second], [1, 1]);
    assert.equal(double.jobs.length - before, 1, 'one job ran');
    assert.deepEqual(await owners(a, date), ['once']);
    assert.ok(Date.now() - started >= LATENCY_MS, 'a job takes the configured latency');
  });

  it('gives the lease to exactly one of two replicas racing on an empty date (the old lease gave it to both)', async () => {
    for (const date of ['2026-03-11', '2026-03-12', '2026-03-13']) {
      const now = new Date('2026-03-11T10:00:00Z');
      const holders = await Promise.all(
        [a, b, double.replica('c')].map((client, i) =>
          new LockRepository(client).acquire(date, `run-${i}`, now, 60),
        ),
      );
      const winners = holders.filter((h, i) => h?.owner === `run-${i}`);
      assert.equal(winners.length, 1, JSON.stringify(holders));
      assert.deepEqual(new Set(holders.map((h) => h?.owner)).size, 1, 'all agree who holds it');
    }
  });
});
