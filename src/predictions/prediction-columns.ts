import {
  CONSOLIDATION_OWNED_COLUMNS,
  PREDICTIONS_TABLE,
} from '../warehouse/tables/predictions.table';
import type { ColumnDefinition, TableDefinition } from '../warehouse/table-definition';

const camelNames = new Map<string, string>();

/** A column's GraphQL field name; remembered, as staging asks for every field of every row. */
export function camelCase(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(column, name);
  }
  return name;
}

/** The columns a worker writes to staging (63 of the target's 72). */
export const WORKER_COLUMNS: readonly ColumnDefinition[] = PREDICTIONS_TABLE.columns.filter(
  (c) => c.workerWritten,
);

/** What a worker sends: its columns less those the consolidation owns (60 fields). */
export const INPUT_COLUMNS: readonly ColumnDefinition[] = WORKER_COLUMNS.filter(
  (c) => !CONSOLIDATION_OWNED_COLUMNS.includes(c.name),
);

/** A staging table carries exactly the worker-written columns. */
export function stagingTableDefinition(name: string): TableDefinition {
  return { name, columns: WORKER_COLUMNS };
}
