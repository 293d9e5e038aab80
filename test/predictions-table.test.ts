import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { isNumeric, type ColumnDefinition } from '../src/warehouse/table-definition';
import { PREDICTIONS_TABLE } from '../src/warehouse/tables';
import { PROJECT_ROOT } from './support/paths';

// The shared contract lives beside the repository, not in it; CI lays it there too.
const TSV = join(PROJECT_ROOT, '..', 'shared', 'schema', 'player_prop_predictions.tsv');

/** One column as the TSV writes it: name, BigQuery type, mode, default, written by workers. */
function asTsvRow(column: ColumnDefinition): string[] {
  const type = isNumeric(column.type)
    ? `NUMERIC(${column.type.precision},${column.type.scale})`
    : column.type;
  const fallback = column.default;
  const defaultText =
    fallback === undefined
      ? ''
      : fallback.kind === 'now'
        ? 'CURRENT_TIMESTAMP()'
        : String(fallback.value).toUpperCase();
  return [
    column.name,
    column.mode === 'REPEATED' ? `ARRAY<${type}>` : type,
    column.mode,
    defaultText,
    column.workerWritten ? 'yes' : 'no',
  ];
}

it(
  'the predictions table definition matches shared/schema/player_prop_predictions.tsv',
  { skip: existsSync(TSV) ? false : `${TSV} is absent: nothing to compare against` },
  () => {
    const [header, ...rows] = readFileSync(TSV, 'utf8').trimEnd().split('\n');
    assert.deepEqual(header?.split('\t').slice(0, 5), [
      'column',
      'bigquery_type',
      'mode',
      'default',
      'written_by_workers',
    ]);
    const expected = rows.map((row) => row.split('\t').slice(0, 5));
    assert.equal(PREDICTIONS_TABLE.columns.length, 72);
    assert.deepEqual(PREDICTIONS_TABLE.columns.map(asTsvRow), expected);
  },
);
