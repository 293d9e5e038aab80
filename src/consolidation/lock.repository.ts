import { Injectable } from '@nestjs/common';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import type { Statement } from '../warehouse/sql/statement';
import { LOCKS_TABLE } from '../warehouse/tables';
import { WarehouseClient, type TransactionStep } from '../warehouse/warehouse-client';

export interface Lease {
  readonly gameDate: string;
  readonly owner: string;
  readonly expiresAt: string;
}

/** The name of the transaction check that fails when the run no longer holds its lease. */
export const LEASE_CHECK = 'lease';

/**
 * The consolidation lease per game date, correct by BigQuery's documented rules alone
 * (docs/architecture.md, "The lease"): taking it is an UPDATE of every row of the date
 * (mutating DML: two at once conflict and the loser is rerun on the new state), never an
 * insert (inserts never conflict), and rows are never assumed unique. A run's writes are
 * fenced by `fence`, a step of the transaction that commits them.
 */
@Injectable()
export class LockRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  /** Takes the lease if it is free, expired or already ours; returns the holder afterwards (us or another run). */
  async acquire(
    gameDate: string,
    owner: string,
    now: Date,
    leaseSeconds: number,
  ): Promise<Lease | undefined> {
    let failure: Error | undefined;
    try {
      if ((await this.take(gameDate, owner, now, leaseSeconds)) > 0)
        return { gameDate, owner, expiresAt: expiry(now, leaseSeconds) };
      const rows = await this.rows(gameDate);
      if (rows.length > 0) return holderOf(gameDate, rows);
      // A date's first lease: a free row, then the same conditional take. Two replicas may
      // both insert one; every take updates all of a date's rows, so extra rows are harmless.
      await this.warehouse.execute(this.insertFreeRow(gameDate));
      if ((await this.take(gameDate, owner, now, leaseSeconds)) > 0)
        return { gameDate, owner, expiresAt: expiry(now, leaseSeconds) };
    } catch (error) {
      // A competing take may have won (and failed ours): reading back tells who holds it.
      failure = error instanceof Error ? error : new Error(String(error));
    }
    const holder = holderOf(gameDate, await this.rows(gameDate));
    // Nobody holds it: our statement just failed, and the caller should hear why (no phantom holder).
    if (!holder && failure) throw failure;
    return holder;
  }

  /** The run the date's lease names (expired or not); undefined when free. */
  async holder(gameDate: string): Promise<Lease | undefined> {
    return holderOf(gameDate, await this.rows(gameDate));
  }

  /** Extends our lease; false when it is no longer ours. */
  async renew(gameDate: string, owner: string, now: Date, leaseSeconds: number): Promise<boolean> {
    return (await this.warehouse.execute(this.extend(gameDate, owner, now, leaseSeconds))) > 0;
  }

  /** Releases the lease only if we still own it. */
  async release(gameDate: string, owner: string): Promise<boolean> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const changed = await this.warehouse.execute(
      sql.build(
        `UPDATE ${sql.table(LOCKS_TABLE.name)} SET owner = NULL, expires_at = NULL
WHERE game_date = ${sql.param(gameDate, 'DATE')} AND owner = ${sql.param(owner, 'STRING')}`,
        { job: { operation: 'lock_release', gameDate } },
      ),
    );
    return changed > 0;
  }

  /**
   * The first step of a transaction that may commit only while `owner` holds the lease: it
   * extends the lease (a mutation of the lease's partition, so a concurrent take conflicts
   * with the transaction and waits for it or aborts it) and fails the transaction when the
   * lease names another run.
   */
  fence(gameDate: string, owner: string, now: Date, leaseSeconds: number): TransactionStep {
    return {
      kind: 'write',
      statement: this.extend(gameDate, owner, now, leaseSeconds),
      expectChanged: 'some',
      check: LEASE_CHECK,
    };
  }

  /** Every row of the date becomes ours, unless another run's lease on it is still valid. */
  private take(gameDate: string, owner: string, now: Date, leaseSeconds: number): Promise<number> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const leases = sql.table(LOCKS_TABLE.name);
    const date = sql.param(gameDate, 'DATE');
    const me = sql.param(owner, 'STRING');
    const at = sql.param(now.toISOString(), 'TIMESTAMP');
    const until = sql.param(expiry(now, leaseSeconds), 'TIMESTAMP');
    return this.warehouse.execute(
      sql.build(
        `UPDATE ${leases} SET owner = ${me}, acquired_at = ${at}, expires_at = ${until}
WHERE game_date = ${date}
  AND NOT EXISTS (SELECT 1 FROM ${leases} AS H
    WHERE H.game_date = ${date} AND H.owner IS NOT NULL AND H.owner <> ${me} AND H.expires_at >= ${at})`,
        { job: { operation: 'lock_acquire', gameDate } },
      ),
    );
  }

  private extend(gameDate: string, owner: string, now: Date, leaseSeconds: number): Statement {
    const sql = new SqlBuilder(this.warehouse.dialect);
    return sql.build(
      `UPDATE ${sql.table(LOCKS_TABLE.name)} SET expires_at = ${sql.param(expiry(now, leaseSeconds), 'TIMESTAMP')}
WHERE game_date = ${sql.param(gameDate, 'DATE')} AND owner = ${sql.param(owner, 'STRING')}`,
      { job: { operation: 'lock_renew', gameDate } },
    );
  }

  private insertFreeRow(gameDate: string): Statement {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const dialect = this.warehouse.dialect;
    const leases = sql.table(LOCKS_TABLE.name);
    const date = sql.param(gameDate, 'DATE');
    return sql.build(
      `INSERT INTO ${leases} (game_date, owner, acquired_at, expires_at)
SELECT ${date}, ${dialect.nullOf('STRING')}, ${dialect.nullOf('TIMESTAMP')}, ${dialect.nullOf('TIMESTAMP')}
FROM (SELECT 1 AS one) AS seed
WHERE NOT EXISTS (SELECT 1 FROM ${leases} WHERE game_date = ${date})`,
      { job: { operation: 'lock_create', gameDate } },
    );
  }

  private async rows(gameDate: string): Promise<{ owner: unknown; expires_at: unknown }[]> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT owner, expires_at FROM ${sql.table(LOCKS_TABLE.name)} WHERE game_date = ${sql.param(gameDate, 'DATE')}`,
        { job: { operation: 'lock_read', gameDate } },
      ),
    );
    return rows.map((r) => ({ owner: r.owner, expires_at: r.expires_at }));
  }
}

function expiry(now: Date, leaseSeconds: number): string {
  return new Date(now.getTime() + leaseSeconds * 1000).toISOString();
}

/** The owner of the date's rows with the latest expiry; undefined when every row is free. */
function holderOf(
  gameDate: string,
  rows: readonly { owner: unknown; expires_at: unknown }[],
): Lease | undefined {
  const held = rows
    .filter((r) => typeof r.owner === 'string')
    .sort((a, b) => String(b.expires_at).localeCompare(String(a.expires_at)));
  const top = held[0];
  return top
    ? { gameDate, owner: String(top.owner), expiresAt: String(top.expires_at) }
    : undefined;
}
