import { BATCH_EVENTS_TABLE } from './batch-events.table';
import { LOCKS_TABLE } from './consolidation-locks.table';
import { MAINTENANCE_RUNS_TABLE } from './maintenance-runs.table';
import { PREDICTIONS_TABLE } from './predictions.table';
import { SNAPSHOTS_TABLE } from './prediction-snapshots.table';
import { STAGED_ROWS_TABLE } from './staged-rows.table';
import type { SqlDialect } from '../sql/sql-dialect';
import type { TableDefinition } from '../table-definition';

export {
  BATCH_EVENTS_TABLE,
  LOCKS_TABLE,
  MAINTENANCE_RUNS_TABLE,
  PREDICTIONS_TABLE,
  SNAPSHOTS_TABLE,
  STAGED_ROWS_TABLE,
};

/** Every table the service owns on every engine, in creation order. */
export const OWNED_TABLES = [
  PREDICTIONS_TABLE,
  BATCH_EVENTS_TABLE,
  LOCKS_TABLE,
  SNAPSHOTS_TABLE,
  MAINTENANCE_RUNS_TABLE,
];

/** The tables the service owns on this engine: the shared staging table where it stages so. */
export function ownedTablesOf(dialect: SqlDialect): readonly TableDefinition[] {
  return dialect.sharedStaging ? [...OWNED_TABLES, STAGED_ROWS_TABLE] : OWNED_TABLES;
}
