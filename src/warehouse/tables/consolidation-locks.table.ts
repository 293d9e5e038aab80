import { col, type TableDefinition } from '../table-definition';

/**
 * The consolidation lease of each game date. Correct without uniqueness (BigQuery enforces
 * none): a date may have several rows, every acquisition updates all of them at once, and
 * a free row has no owner. Partitioned by date, so leases of different dates never touch
 * the same partition (BigQuery's unit of DML conflict). See docs/architecture.md.
 */
export const LOCKS_TABLE: TableDefinition = {
  name: 'consolidation_leases',
  partitionBy: 'game_date',
  columns: [
    col('game_date', 'DATE', { mode: 'REQUIRED' }),
    // The run holding the lease; NULL when free.
    col('owner', 'STRING'),
    col('acquired_at', 'TIMESTAMP'),
    col('expires_at', 'TIMESTAMP'),
  ],
};
