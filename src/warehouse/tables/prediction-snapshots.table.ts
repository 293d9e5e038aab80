import { col, type TableDefinition } from '../table-definition';
import { PREDICTIONS_TABLE } from './predictions.table';

/**
 * A game date's target rows as they were before a MERGE or a restore, so a restore on
 * engines without time travel can go back to them.
 */
export const SNAPSHOTS_TABLE: TableDefinition = {
  name: 'prediction_snapshots',
  partitionBy: 'game_date',
  clusterBy: ['snapshot_id'],
  columns: [
    col('snapshot_id', 'STRING', { mode: 'REQUIRED' }),
    col('snapshot_at', 'TIMESTAMP', { mode: 'REQUIRED' }),
    col('snapshot_reason', 'STRING', { mode: 'REQUIRED' }),
    ...PREDICTIONS_TABLE.columns.map((c) => ({ ...c, default: undefined })),
  ],
};
