import { col, type TableDefinition } from '../table-definition';
import { PREDICTIONS_TABLE } from './predictions.table';

/**
 * A game date's target rows as they were around each MERGE and restore, so a restore on
 * engines without time travel can go back to them. Each snapshot has one marker row
 * (prediction_id NULL), so an empty date is a snapshot too.
 */
export const SNAPSHOTS_TABLE: TableDefinition = {
  name: 'prediction_snapshots',
  partitionBy: 'game_date',
  clusterBy: ['snapshot_id'],
  columns: [
    col('snapshot_id', 'STRING', { mode: 'REQUIRED' }),
    col('snapshot_at', 'TIMESTAMP', { mode: 'REQUIRED' }),
    col('snapshot_reason', 'STRING', { mode: 'REQUIRED' }),
    // Nullable, so that an empty date still leaves a marker row (prediction_id NULL).
    ...PREDICTIONS_TABLE.columns.map((c) => ({
      ...c,
      mode: c.mode === 'REPEATED' ? ('REPEATED' as const) : ('NULLABLE' as const),
      default: undefined,
    })),
  ],
};

/**
 * The reason of a marker row that says a consolidation's after-image is owed: written in
 * the MERGE's transaction, the image itself follows once the run is recorded (another
 * marker, reason after_merge, and the rows, under the same snapshot id).
 */
export const AFTER_IMAGE_OWED = 'after_merge_owed';
