import { col, type TableDefinition } from '../table-definition';

/**
 * Append-only record of the operator's repairs of the target table (repairDuplicates,
 * restorePredictions): one row when a real run starts (status RUNNING) and one when any
 * run finishes, each with who asked, when, and the figures. Never updated; readers take
 * each run's finish row, else its start row.
 */
export const MAINTENANCE_RUNS_TABLE: TableDefinition = {
  name: 'maintenance_runs',
  primaryKey: ['record_id'],
  partitionBy: 'game_date',
  clusterBy: ['kind'],
  columns: [
    col('record_id', 'STRING', { mode: 'REQUIRED' }),
    col('run_id', 'STRING', { mode: 'REQUIRED' }),
    col('game_date', 'DATE', { mode: 'REQUIRED' }),
    col('kind', 'STRING', { mode: 'REQUIRED' }),
    col('status', 'STRING', { mode: 'REQUIRED' }),
    col('dry_run', 'BOOL', { mode: 'REQUIRED' }),
    col('principal', 'STRING', { mode: 'REQUIRED' }),
    col('started_at', 'TIMESTAMP', { mode: 'REQUIRED' }),
    col('finished_at', 'TIMESTAMP'),
    col('as_of', 'TIMESTAMP'),
    col('figures', 'JSON'),
    col('error', 'STRING'),
  ],
};
