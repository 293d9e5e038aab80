import { col, type TableDefinition } from '../table-definition';

/** One lease per game date: taken with one conditional statement, released by its owner. */
export const LOCKS_TABLE: TableDefinition = {
  name: 'consolidation_locks',
  primaryKey: ['game_date'],
  columns: [
    col('game_date', 'DATE', { mode: 'REQUIRED' }),
    col('owner', 'STRING', { mode: 'REQUIRED' }),
    col('acquired_at', 'TIMESTAMP', { mode: 'REQUIRED' }),
    col('expires_at', 'TIMESTAMP', { mode: 'REQUIRED' }),
  ],
};
