import { BATCH_EVENTS_TABLE } from './batch-events.table';
import { LOCKS_TABLE } from './consolidation-locks.table';
import { MAINTENANCE_RUNS_TABLE } from './maintenance-runs.table';
import { PREDICTIONS_TABLE } from './predictions.table';
import { AFTER_IMAGE_OWED, SNAPSHOTS_TABLE } from './prediction-snapshots.table';
import { STAGED_ROWS_TABLE } from './staged-rows.table';
import type { TableDefinition } from '../table-definition';

export {
  AFTER_IMAGE_OWED,
  BATCH_EVENTS_TABLE,
  LOCKS_TABLE,
  MAINTENANCE_RUNS_TABLE,
  PREDICTIONS_TABLE,
  SNAPSHOTS_TABLE,
  STAGED_ROWS_TABLE,
};

/** Every table the service owns on every engine, in creation order. */
export const OWNED_TABLES: readonly TableDefinition[] = [
  PREDICTIONS_TABLE,
  BATCH_EVENTS_TABLE,
  LOCKS_TABLE,
  SNAPSHOTS_TABLE,
  MAINTENANCE_RUNS_TABLE,
  STAGED_ROWS_TABLE,
];
