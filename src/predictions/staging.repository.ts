import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parseBatchId } from '../batch/batch-events';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import type { Row } from '../warehouse/sql/statement';
import { STAGED_ROWS_TABLE } from '../warehouse/tables';
import { WarehouseClient } from '../warehouse/warehouse-client';

/**
 * Workers' staged rows, replaced whole on every write: a new slice of the shared staging
 * table whose write number supersedes the player's earlier writes (one INSERT: atomic; a
 * retry is a newer write, never extra rows). An empty write clears the player's writes.
 */
@Injectable()
export class StagingRepository {
  /** The last write number this process handed out. */
  private lastWrite: number | undefined;
  private loadingLastWrite: Promise<number> | undefined;

  constructor(private readonly warehouse: WarehouseClient) {}

  /** Where the write went, for the log: the write number, or that the staging was cleared. */
  async replacePlayerStaging(
    batchId: string,
    playerLookup: string,
    rows: readonly Row[],
    stagedAt: string,
  ): Promise<string> {
    const gameDate = parseBatchId(batchId)?.gameDate;
    if (!gameDate) throw new Error(`not a batch id: ${batchId}`);
    if (rows.length === 0) {
      // Nothing to stage: the player's earlier writes go, in one statement.
      const sql = new SqlBuilder(this.warehouse.dialect);
      await this.warehouse.execute(
        sql.build(
          `DELETE FROM ${sql.table(STAGED_ROWS_TABLE.name)}
WHERE game_date = ${this.warehouse.dialect.dateLiteral(gameDate)} AND batch_id = ${sql.param(batchId, 'STRING')} AND player_lookup = ${sql.param(playerLookup, 'STRING')}`,
          { job: { operation: 'clear_staged_writes', batchId, gameDate } },
        ),
      );
      return `${STAGED_ROWS_TABLE.name} (cleared)`;
    }
    const writeSeq = await this.nextWrite(stagedAt);
    await this.warehouse.insertRows(
      STAGED_ROWS_TABLE,
      rows.map((row) => ({
        ...row,
        batch_id: batchId,
        player_lookup: playerLookup,
        write_seq: writeSeq,
        staged_at: stagedAt,
      })),
    );
    return `${STAGED_ROWS_TABLE.name} write ${writeSeq}`;
  }

  /**
   * Write numbers that order a player's writes across replicas: the staging time in
   * milliseconds times 1,000 plus a random part (two replicas writing in the same
   * millisecond still differ), strictly increasing in this process and above every number
   * stored when it started (a clock set back cannot make a new write look older). Safe
   * integers until the year 2255.
   */
  private async nextWrite(stagedAt: string): Promise<number> {
    if (this.lastWrite === undefined) {
      // Concurrent first writes share one read; a failed read is tried again next time.
      this.loadingLastWrite ??= this.highestStoredWrite().finally(
        () => (this.loadingLastWrite = undefined),
      );
      const stored = await this.loadingLastWrite;
      this.lastWrite ??= stored;
    }
    const fromClock = Date.parse(stagedAt) * 1000 + randomInt(1000);
    this.lastWrite = Math.max(this.lastWrite + 1, fromClock);
    return this.lastWrite;
  }

  private async highestStoredWrite(): Promise<number> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const rows = await this.warehouse.query(
      sql.build(`SELECT MAX(write_seq) AS n FROM ${sql.table(STAGED_ROWS_TABLE.name)}`, {
        job: { operation: 'staging_last_write' },
      }),
    );
    return Number(rows[0]?.n ?? 0);
  }
}
