import { col, type TableDefinition } from '../table-definition';

/**
 * Append-only log of everything that happens to a batch. Event ids are deterministic,
 * so a retried write is deduplicated (on insert where the engine can, always on read).
 */
export const BATCH_EVENTS_TABLE: TableDefinition = {
  name: 'batch_events',
  primaryKey: ['event_id'],
  partitionBy: 'game_date',
  clusterBy: ['batch_id', 'event_type'],
  columns: [
    col('event_id', 'STRING', { mode: 'REQUIRED' }),
    col('batch_id', 'STRING', { mode: 'REQUIRED' }),
    col('game_date', 'DATE', { mode: 'REQUIRED' }),
    col('event_type', 'STRING', { mode: 'REQUIRED' }),
    col('player_lookup', 'STRING'),
    col('predictions_count', 'INT64'),
    col('run_id', 'STRING'),
    col('payload', 'JSON'),
    col('occurred_at', 'TIMESTAMP', { mode: 'REQUIRED' }),
    // Who caused the event (an API key id, an ID token's email, system:cron), never a secret.
    col('principal', 'STRING'),
  ],
};
