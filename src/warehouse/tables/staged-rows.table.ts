import { col, type TableDefinition } from '../table-definition';
import { PREDICTIONS_TABLE } from './predictions.table';

/**
 * Workers' staged rows on every engine: each stagePredictions call is one write, a slice of
 * this table (its batch, its player, a write number), not a table of its own. A write is one
 * INSERT (atomic; on BigQuery one query job whose id a retried call finds again, and rows
 * DML may delete at once, unlike streamed ones); a player's newest write is its staging; a
 * consolidation reads the newest writes of its batches in place and deletes the writes it
 * merged in one statement. Work scales with rows, not players: 450 tables of a day cost
 * DuckDB a gigabyte of memory and BigQuery minutes of jobs (docs/architecture.md).
 * Partitioned by date, so a run reads one partition. No partition expiry: it counts from the
 * partition's date, so a backfill of an old date would expire as it arrives.
 */
export const STAGED_ROWS_TABLE: TableDefinition = {
  name: 'staged_predictions',
  partitionBy: 'game_date',
  clusterBy: ['batch_id', 'player_lookup'],
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
