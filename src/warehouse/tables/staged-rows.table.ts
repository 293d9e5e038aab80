import { col, type TableDefinition } from '../table-definition';
import { PREDICTIONS_TABLE } from './predictions.table';

/**
 * Staging on an embedded engine: every worker write is a slice of this one table (its
 * batch, its player, a write sequence number), not a table of its own. DuckDB holds each
 * small table's segments in memory until a checkpoint (about 2 MB per 30-row, 63-column
 * table); a day's 450 players as rows of one table cost a few MB instead of a gigabyte.
 * A write is one INSERT (atomic); a player's newest write is its staging; consolidation
 * deletes the writes it merged. BigQuery keeps a table per player (its DML on one shared
 * table would queue), so this table exists only where `dialect.sharedStaging` is set.
 */
export const STAGED_ROWS_TABLE: TableDefinition = {
  name: 'staged_predictions',
  columns: [
    col('batch_id', 'STRING', { mode: 'REQUIRED' }),
    col('write_seq', 'INT64', { mode: 'REQUIRED' }),
    col('staged_at', 'TIMESTAMP', { mode: 'REQUIRED' }),
    // As loose as a staging table made by CREATE TABLE AS: rows are validated before they
    // are staged, and the MERGE's target enforces its own constraints.
    ...PREDICTIONS_TABLE.columns
      .filter((c) => c.workerWritten)
      .map((c) => (c.mode === 'REQUIRED' ? { ...c, mode: 'NULLABLE' as const } : c)),
  ],
};

/** The bookkeeping columns of a slice, which are not staged prediction columns. */
export const SLICE_COLUMNS: readonly string[] = ['batch_id', 'write_seq', 'staged_at'];
