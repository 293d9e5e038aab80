import { Injectable } from '@nestjs/common';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import { LOCKS_TABLE } from '../warehouse/tables';
import { WarehouseClient } from '../warehouse/warehouse-client';

export interface Lease {
  readonly gameDate: string;
  readonly owner: string;
  readonly expiresAt: string;
}

/** The consolidation lease per game date: one conditional statement, confirmed by reading back. */
@Injectable()
export class LockRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  /** Takes the lease if it is free or expired; returns the holder afterwards (us or another owner). */
  async acquire(
    gameDate: string,
    owner: string,
    now: Date,
    leaseSeconds: number,
  ): Promise<Lease | undefined> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const locks = sql.table(LOCKS_TABLE.name);
    const date = sql.param(gameDate, 'DATE');
    const me = sql.param(owner, 'STRING');
    const at = sql.param(now.toISOString(), 'TIMESTAMP');
    const until = sql.param(
      new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
      'TIMESTAMP',
    );
    const statement = sql.build(
      `MERGE INTO ${locks} AS L
USING (SELECT ${date} AS game_date, ${me} AS owner, ${at} AS acquired_at, ${until} AS expires_at) AS S
ON L.game_date = S.game_date
WHEN MATCHED AND L.expires_at < S.acquired_at THEN
  UPDATE SET owner = S.owner, acquired_at = S.acquired_at, expires_at = S.expires_at
WHEN NOT MATCHED THEN
  INSERT (game_date, owner, acquired_at, expires_at) VALUES (S.game_date, S.owner, S.acquired_at, S.expires_at)`,
      { job: { operation: 'lock_acquire', gameDate } },
    );
    let failure: Error | undefined;
    try {
      await this.warehouse.execute(statement);
    } catch (error) {
      // A competing writer may have won the row: reading back tells who holds it.
      failure = error instanceof Error ? error : new Error(String(error));
    }
    const holder = await this.holder(gameDate);
    // Nobody holds it: our statement just failed, and the caller should hear why (no phantom holder).
    if (!holder && failure) throw failure;
    return holder;
  }

  async holder(gameDate: string): Promise<Lease | undefined> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT owner, expires_at FROM ${sql.table(LOCKS_TABLE.name)} WHERE game_date = ${sql.param(gameDate, 'DATE')}`,
        { job: { operation: 'lock_read', gameDate } },
      ),
    );
    const row = rows[0];
    return row
      ? { gameDate, owner: String(row.owner), expiresAt: String(row.expires_at) }
      : undefined;
  }

  /** Extends our lease; false when it is no longer ours. */
  async renew(gameDate: string, owner: string, now: Date, leaseSeconds: number): Promise<boolean> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const until = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
    const changed = await this.warehouse.execute(
      sql.build(
        `UPDATE ${sql.table(LOCKS_TABLE.name)} SET expires_at = ${sql.param(until, 'TIMESTAMP')}
WHERE game_date = ${sql.param(gameDate, 'DATE')} AND owner = ${sql.param(owner, 'STRING')}`,
        { job: { operation: 'lock_renew', gameDate } },
      ),
    );
    return changed > 0;
  }

  /** Releases the lease only if we still own it. */
  async release(gameDate: string, owner: string): Promise<boolean> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const changed = await this.warehouse.execute(
      sql.build(
        `DELETE FROM ${sql.table(LOCKS_TABLE.name)}
WHERE game_date = ${sql.param(gameDate, 'DATE')} AND owner = ${sql.param(owner, 'STRING')}`,
        { job: { operation: 'lock_release', gameDate } },
      ),
    );
    return changed > 0;
  }
}
