import { Injectable } from '@nestjs/common';
import { stagingTableName } from '../warehouse/sql/identifiers';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import type { Row } from '../warehouse/sql/statement';
import { STAGED_ROWS_TABLE } from '../warehouse/tables';
import { WarehouseClient } from '../warehouse/warehouse-client';
import { stagingTableDefinition } from './prediction-columns';

/**
 * Workers' staged rows, replaced whole on every write: a table per (batch, player), or, where
 * the dialect stages in one shared table, a new slice of it whose write number supersedes
 * the player's earlier writes (one INSERT: atomic; a retry is a newer write, never extra rows).
 */
@Injectable()
export class StagingRepository {
  /** The last write number handed out; the shared layout runs where one process owns the database. */
  private lastWrite: number | undefined;
  private loadingLastWrite: Promise<number> | undefined;

  constructor(private readonly warehouse: WarehouseClient) {}

  /** Where the write went, for the log: a table name, or the shared table and write number. */
  async replacePlayerStaging(
    batchId: string,
    playerLookup: string,
    rows: readonly Row[],
    stagedAt: string,
  ): Promise<string> {
    if (!this.warehouse.dialect.sharedStaging) {
      const table = stagingTableName(batchId, playerLookup);
      await this.warehouse.replaceTable(stagingTableDefinition(table), rows);
      return table;
    }
    if (rows.length === 0) {
      // Nothing to stage: the player's earlier writes go, in one statement.
      const sql = new SqlBuilder(this.warehouse.dialect);
      await this.warehouse.execute(
        sql.build(
          `DELETE FROM ${sql.table(STAGED_ROWS_TABLE.name)} WHERE batch_id = ${sql.param(batchId, 'STRING')} AND player_lookup = ${sql.param(playerLookup, 'STRING')}`,
          { job: { operation: 'clear_staged_writes', batchId } },
        ),
      );
      return `${STAGED_ROWS_TABLE.name} (cleared)`;
    }
    const writeSeq = await this.nextWrite();
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

  /** Strictly increasing write numbers, continuing from the highest one stored. */
  private async nextWrite(): Promise<number> {
    if (this.lastWrite === undefined) {
      // Concurrent first writes share one read; a failed read is tried again next time.
      this.loadingLastWrite ??= this.highestStoredWrite().finally(
        () => (this.loadingLastWrite = undefined),
      );
      const stored = await this.loadingLastWrite;
      this.lastWrite ??= stored;
    }
    return ++this.lastWrite;
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
