import { ConfigError } from '../config/app-config';
import type { ColumnDefinition } from '../warehouse/table-definition';
import {
  CONSOLIDATION_OWNED_COLUMNS,
  IMMUTABLE_ON_UPDATE,
  PREDICTIONS_TABLE,
} from '../warehouse/tables/predictions.table';
import { VERSION_COLUMN } from './merge-plan';

/** What makes a column unfit to key the MERGE, or undefined. */
function unfit(column: ColumnDefinition): string | undefined {
  if (column.mode === 'REPEATED' || column.type === 'JSON')
    return 'cannot be compared (JSON or ARRAY)';
  // BigQuery refuses to group or partition by FLOAT64; an inexact value is a poor key anyway.
  if (column.type === 'FLOAT64') return 'is FLOAT64, which cannot be grouped exactly';
  if (CONSOLIDATION_OWNED_COLUMNS.includes(column.name))
    return 'is set by the consolidation itself';
  if (IMMUTABLE_ON_UPDATE.includes(column.name) || column.name === VERSION_COLUMN)
    return 'changes with every version of a prediction, so a restaged row would never match';
  return undefined;
}

/**
 * BUSINESS_KEY against the target table: every column must exist there and be fit to key
 * the MERGE. The configuration checked its form (and that it holds system_id and
 * player_lookup); this is the part that needs the table definition. Undefined when fit.
 */
export function businessKeyProblem(key: readonly string[]): string | undefined {
  const columns = new Map(PREDICTIONS_TABLE.columns.map((c) => [c.name, c]));
  const missing = key.filter((k) => !columns.has(k));
  if (missing.length > 0) {
    return `names column(s) the target table ${PREDICTIONS_TABLE.name} lacks: ${missing.join(', ')}`;
  }
  const problems = key.flatMap((k) => {
    const column = columns.get(k);
    const why = column ? unfit(column) : undefined;
    return why ? [`${k} ${why}`] : [];
  });
  return problems.length > 0 ? `cannot key the MERGE: ${problems.join('; ')}` : undefined;
}

/** Refuses to start with a BUSINESS_KEY the target cannot be merged on, naming the variable. */
export function assertBusinessKey(key: readonly string[]): void {
  const problem = businessKeyProblem(key);
  if (problem) {
    throw new ConfigError(
      `Invalid configuration: BUSINESS_KEY ${problem} (got ${JSON.stringify(key.join(','))})`,
    );
  }
}
