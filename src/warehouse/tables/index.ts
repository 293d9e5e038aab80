import { BATCH_EVENTS_TABLE } from './batch-events.table';
import { LOCKS_TABLE } from './consolidation-locks.table';
import { PREDICTIONS_TABLE } from './predictions.table';
import { SNAPSHOTS_TABLE } from './prediction-snapshots.table';

export { BATCH_EVENTS_TABLE, LOCKS_TABLE, PREDICTIONS_TABLE, SNAPSHOTS_TABLE };

/** Every table the service owns, in creation order. */
export const OWNED_TABLES = [PREDICTIONS_TABLE, BATCH_EVENTS_TABLE, LOCKS_TABLE, SNAPSHOTS_TABLE];
