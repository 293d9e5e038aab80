import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError, ErrorCode } from '../common/domain-error';
import { BigQueryDialect } from '../warehouse/adapters/bigquery/bigquery.dialect';
import { DuckDbDialect } from '../warehouse/adapters/duckdb/duckdb.dialect';
import type { SqlDialect } from '../warehouse/sql/sql-dialect';
import type { ColumnDefinition } from '../warehouse/table-definition';
import { DEFAULT_BUSINESS_KEY, PREDICTIONS_TABLE } from '../warehouse/tables/predictions.table';
import {
  columnsToAppend,
  combineStatements,
  figuresQuery,
  consumedWritesDelete,
  inlineSource,
  mergeStatement,
  planColumns,
  verificationQuery,
  type ColumnPlan,
  type MergeShape,
} from './merge-plan';
import type { StagedColumn, StagingTable } from './staging-catalog.repository';

const BATCH = 'b20260130_1';
const duck = new DuckDbDialect();
const bigquery = new BigQueryDialect({
  projectId: 'nba-props-platform-prod',
  datasetId: 'nba_predictions',
});

function typed(dialect: SqlDialect, columns: readonly ColumnDefinition[]): StagedColumn[] {
  return columns.map((c) => ({
    name: c.name,
    dataType: dialect.typeName(c.type, c.mode === 'REPEATED'),
  }));
}

const TARGET = typed(duck, PREDICTIONS_TABLE.columns);
/** What a worker writes: the 63 worker columns, including the three the consolidation owns. */
const WORKER = typed(
  duck,
  PREDICTIONS_TABLE.columns.filter((c) => c.workerWritten),
);

function staging(player: string, columns: readonly StagedColumn[] = WORKER): StagingTable {
  return { name: `_staging_${BATCH}_${player}`, batchId: BATCH, columns };
}

function shape(plan: ColumnPlan, overrides: Partial<MergeShape> = {}): MergeShape {
  return {
    dialect: duck,
    gameDate: '2026-01-30',
    source: duck.table('_combine_r1_b20260130_1_abc'),
    plan,
    businessKey: DEFAULT_BUSINESS_KEY,
    deactivate: true,
    nowRef: '$now',
    ...overrides,
  };
}

function unquote(identifier: string): string {
  return identifier.trim().replace(/^["`]|["`]$/g, '');
}

/** Every `UPDATE SET` clause of a MERGE, as the list of columns it assigns. */
function assignedColumns(sql: string): string[][] {
  return sql
    .split(/\nWHEN\b/)
    .filter((clause) => clause.includes('UPDATE SET'))
    .map((clause) =>
      (clause.split('UPDATE SET')[1] ?? '')
        .split(/,\s*\n/)
        .flatMap((a) => a.split(/,\s+(?=["`]?\w+["`]? = )/))
        .map((assignment) => unquote(assignment.split(' = ')[0] ?? '')),
    );
}

function insertedColumns(sql: string): string[] {
  const list = /INSERT \(([^)]*)\)/.exec(sql)?.[1] ?? '';
  return list.split(',').map(unquote);
}

describe('planColumns', () => {
  it('copies the shared columns, leaves the 9 target-only ones absent and never copies the owned ones', () => {
    const plan = planColumns([staging('ann'), staging('bob')], TARGET, 'fail');
    const names = plan.columns.map((c) => c.name);
    assert.equal(names.length, 69);
    for (const owned of ['is_active', 'superseded_by', 'updated_at'])
      assert.ok(!names.includes(owned));
    assert.deepEqual(
      [...plan.absent].sort(),
      PREDICTIONS_TABLE.columns
        .filter((c) => !c.workerWritten)
        .map((c) => c.name)
        .sort(),
    );
    assert.deepEqual([plan.partial, plan.extras], [[], []]);
  });

  it('marks a column some staging tables lack as partial', () => {
    const older = WORKER.filter((c) => c.name !== 'model_version');
    const plan = planColumns([staging('ann'), staging('bob', older)], TARGET, 'fail');
    assert.deepEqual(plan.partial, ['model_version']);
  });

  it('fails on staging-only columns under `fail`, naming each column once', () => {
    const extra = [
      ...WORKER,
      { name: 'model_notes', dataType: 'VARCHAR' },
      { name: 'edge', dataType: 'DOUBLE' },
    ];
    assert.throws(
      () => planColumns([staging('ann', extra), staging('bob', extra)], TARGET, 'fail'),
      (error: unknown) =>
        error instanceof DomainError &&
        error.code === ErrorCode.BadInput &&
        /edge, model_notes/.test(error.message) &&
        JSON.stringify(error.details.fields?.map((f) => f.field)) === '["edge","model_notes"]',
    );
  });

  it('leaves staging-only columns out under `ignore`, and lists them once to append under `append_new_columns`', () => {
    const extra = [...WORKER, { name: 'model_notes', dataType: 'VARCHAR' }];
    const ignored = planColumns([staging('ann', extra), staging('bob', extra)], TARGET, 'ignore');
    assert.ok(!ignored.columns.some((c) => c.name === 'model_notes'));
    const appended = planColumns(
      [staging('ann', extra), staging('bob', extra)],
      TARGET,
      'append_new_columns',
    );
    assert.deepEqual(columnsToAppend(appended), [{ name: 'model_notes', dataType: 'VARCHAR' }]);
  });

  it('refuses a column type that could carry SQL', () => {
    const target = [...TARGET, { name: 'evil', dataType: 'VARCHAR); DROP TABLE x; --' }];
    assert.throws(() => planColumns([staging('ann')], target, 'fail'), /unexpected column type/);
  });
});

describe('combineStatements', () => {
  it('gives missing columns NULL or their default and flags partial columns per table', () => {
    const older = WORKER.filter((c) => c.name !== 'model_version' && c.name !== 'has_prop_line');
    const tables = [staging('ann'), staging('bob', older)];
    const plan = planColumns(tables, TARGET, 'fail');
    const [sql] = combineStatements(duck, '_combine_x', tables, plan);
    const [annSelect, bobSelect] = (sql ?? '').split('UNION ALL');
    assert.match(annSelect ?? '', /TRUE AS "_present_model_version"/);
    assert.match(bobSelect ?? '', /CAST\(NULL AS VARCHAR\) AS "model_version"/);
    assert.match(bobSelect ?? '', /CAST\(TRUE AS BOOLEAN\) AS "has_prop_line"/);
    assert.match(bobSelect ?? '', /FALSE AS "_present_model_version"/);
    assert.match(bobSelect ?? '', /CAST\(NULL AS BIGINT\) AS "feature_count"/);
  });
});

describe('inlineSource (slices of the shared staging table)', () => {
  const slice = (player: string, writeSeq: number): StagingTable => ({
    ...staging(player),
    slice: { playerLookup: player, writeSeq },
  });
  const plan = planColumns([staging('ann')], TARGET, 'fail');

  it("reads each player's newest write up to the newest found, in place, with no combine table", () => {
    const source = inlineSource(duck, [slice('ann', 3), slice('bob', 7)], plan) ?? '';
    assert.match(source, /^\(SELECT .* FROM \(SELECT \* FROM "staged_predictions"/s);
    assert.match(
      source,
      /WHERE game_date = DATE '2026-01-30' AND batch_id IN \('b20260130_1'\) AND write_seq <= 7\s+QUALIFY write_seq = MAX\(write_seq\) OVER \(PARTITION BY batch_id, player_lookup\)\) AS writes\) AS staged$/,
    );
    const many = Array.from({ length: 1000 }, (_, i) => slice(`p${i}`, 10_000 + i));
    assert.equal(
      (inlineSource(duck, many, plan) ?? '').length,
      source.length + String(10_999).length - String(7).length,
      'as long for a thousand players as for two, but for the digits of the cutoff',
    );
  });

  it('deletes the merged writes and older ones, and nothing newer than the newest found', () => {
    assert.equal(
      consumedWritesDelete(duck, [slice('ann', 3), slice('bob', 7), staging('cy')]),
      `DELETE FROM "staged_predictions"
WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 7`,
    );
    assert.equal(consumedWritesDelete(duck, [staging('cy')]), undefined);
  });

  it('leaves staging with any table of its own to the combine', () => {
    assert.equal(inlineSource(duck, [slice('ann', 3), staging('bob')], plan), undefined);
    assert.equal(inlineSource(duck, [], plan), undefined);
  });
});

describe('mergeStatement', () => {
  const plan = planColumns([staging('ann')], TARGET, 'fail');

  it('assigns updated_at exactly once in every UPDATE, even when staging carries updated_at (incident 18)', () => {
    assert.ok(
      WORKER.some((c) => c.name === 'updated_at'),
      'staging does carry updated_at',
    );
    for (const dialect of [duck, bigquery]) {
      const clauses = assignedColumns(mergeStatement(shape(plan, { dialect })));
      assert.equal(clauses.length, 2, 'MATCHED and NOT MATCHED BY SOURCE');
      for (const columns of clauses) {
        assert.equal(columns.filter((c) => c === 'updated_at').length, 1, columns.join(','));
        assert.equal(new Set(columns).size, columns.length, 'no column assigned twice');
      }
      assert.equal(
        insertedColumns(mergeStatement(shape(plan, { dialect }))).filter((c) => c === 'updated_at')
          .length,
        1,
      );
    }
  });

  it('never updates prediction_id, created_at or the business key (incident 19)', () => {
    const matched = assignedColumns(mergeStatement(shape(plan))).find((c) =>
      c.includes('predicted_points'),
    );
    for (const kept of ['prediction_id', 'created_at', ...DEFAULT_BUSINESS_KEY]) {
      assert.ok(!matched?.includes(kept), `${kept} must not be updated`);
    }
    assert.ok(matched?.includes('predicted_points'));
  });

  it('keeps target values of partial columns for tables without them, and never touches absent columns', () => {
    const older = WORKER.filter((c) => c.name !== 'model_version');
    const partialPlan = planColumns([staging('ann'), staging('bob', older)], TARGET, 'fail');
    const sql = mergeStatement(shape(partialPlan));
    assert.match(
      sql,
      /"model_version" = CASE WHEN S\."_present_model_version" THEN S\."model_version" ELSE T\."model_version" END/,
    );
    const matched = assignedColumns(sql).find((c) => c.includes('predicted_points'));
    assert.ok(
      !matched?.includes('feature_count'),
      'a target-only column stays untouched on update',
    );
    assert.ok(insertedColumns(sql).includes('feature_count'), 'and gets its default on insert');
  });

  it('matches the key null-safely with a literal partition filter', () => {
    const sql = mergeStatement(shape(plan));
    const on = /\nON (.*)\n/.exec(sql)?.[1] ?? '';
    assert.match(on, /^T\.game_date = DATE '2026-01-30' AND /);
    // The line may be NULL and NULL is a value: null-safe; the REQUIRED key columns: equality.
    assert.match(on, /T\."current_points_line" IS NOT DISTINCT FROM S\."current_points_line"/);
    for (const key of DEFAULT_BUSINESS_KEY.filter((k) => k !== 'current_points_line'))
      assert.match(on, new RegExp(`T\\."${key}" = S\\."${key}"`));
    assert.doesNotMatch(on, /ROUND|COALESCE/);
  });

  it('deactivates by player and system, never across systems (incident 22), and only when configured', () => {
    const sql = mergeStatement(shape(plan));
    const superseded = sql.split('UNION ALL')[1] ?? '';
    for (const group of ['game_id', 'player_lookup', 'system_id'])
      assert.match(superseded, new RegExp(`G\\."${group}" = T\\."${group}"`));
    assert.doesNotMatch(superseded.split('NOT EXISTS')[0] ?? '', /current_points_line" =/);
    assert.match(
      sql,
      /WHEN MATCHED AND S\._deactivate THEN\n\s+UPDATE SET is_active = FALSE, superseded_by = S\._replaced_by/,
    );
    assert.match(superseded, /T\.prediction_id AS _target_id/, 'a superseded row names itself');
    assert.match(
      sql,
      /\nON T\.game_date = DATE '2026-01-30' AND T\.prediction_id = S\._target_id AND /,
      'each source row matches only the row it names: equalities only, so engines hash-join',
    );
    assert.doesNotMatch(sql.slice(sql.indexOf('\nON ')), /^ON .* OR /m);
    const off = mergeStatement(shape(plan, { deactivate: false }));
    assert.doesNotMatch(off, /WHEN MATCHED AND S\._deactivate|UNION ALL/);
  });

  it('deduplicates the source by business key, newest version (predicted_at, else created_at) first', () => {
    // DuckDB: one ORDER BY key (a struct), so the window is planned as an aggregate.
    assert.match(
      mergeStatement(shape(plan)),
      /QUALIFY ROW_NUMBER\(\) OVER \(PARTITION BY "game_date", "game_id", "player_lookup", "system_id", "current_points_line" ORDER BY \(COALESCE\("predicted_at", "created_at"\) IS NOT NULL, COALESCE\("predicted_at", "created_at"\), "created_at" IS NOT NULL, "created_at", "prediction_id" IS NOT NULL, "prediction_id"\) DESC\) = 1/,
    );
    assert.match(
      mergeStatement(shape(plan, { dialect: bigquery })),
      /ORDER BY COALESCE\(`predicted_at`, `created_at`\) DESC, `created_at` DESC, `prediction_id` DESC\) = 1/,
    );
  });

  it('updates a matched row only with a version not older than the one it holds, and records the version', () => {
    for (const dialect of [duck, bigquery]) {
      const sql = mergeStatement(shape(plan, { dialect }));
      const q = (n: string) => dialect.quoteIdentifier(n);
      const version = (alias: string) =>
        `COALESCE(${alias}.${q('predicted_at')}, ${alias}.${q('created_at')})`;
      assert.ok(
        sql.includes(`WHEN MATCHED AND ${version('S')} >= ${version('T')} THEN`),
        'the MATCHED update is guarded by the version',
      );
      const matched = assignedColumns(sql).find((c) => c.includes('predicted_points'));
      assert.equal(matched?.filter((c) => c === 'predicted_at').length, 1);
      assert.ok(sql.includes(`${q('predicted_at')} = ${version('S')}`));
    }
  });
});

describe('statement size limits (BigQuery: 1,024k characters, 1,000 tables per query)', () => {
  const MAX_CHARS = 1_000_000;
  const MAX_TABLES = 1_000;
  const longPlayer = (i: number) => `${'x'.repeat(56)}_${String(i).padStart(7, '0')}`;

  for (const dialect of [duck, bigquery]) {
    it(`keeps every ${dialect.engine} statement under the limits for 5,000 staging tables of mixed shapes`, () => {
      const worker = typed(
        dialect,
        PREDICTIONS_TABLE.columns.filter((c) => c.workerWritten),
      );
      const target = typed(dialect, PREDICTIONS_TABLE.columns);
      // Each table lacks a different optional column, so nearly every column is partial (widest selects).
      const optional = worker.filter(
        (c) => PREDICTIONS_TABLE.columns.find((d) => d.name === c.name)?.mode !== 'REQUIRED',
      );
      const tables = Array.from({ length: 5000 }, (_, i) =>
        staging(
          longPlayer(i),
          worker.filter((c) => c.name !== optional[i % optional.length]?.name),
        ),
      );
      const plan = planColumns(tables, target, 'fail');
      assert.ok(plan.partial.length > 40);
      const combineTable = '_combine_rmkz1abc_b20260130_1_abcdef';
      const mergeShape = shape(plan, { dialect, source: dialect.table(combineTable) });
      const statements = [
        ...combineStatements(dialect, combineTable, tables, plan),
        figuresQuery(mergeShape),
        mergeStatement(mergeShape),
        verificationQuery(mergeShape),
      ];
      const tableRef =
        dialect === bigquery
          ? /`nba-props-platform-prod\.nba_predictions\.[^`]+`/g
          : /"_(?:staging|combine)_[^"]+"|"player_prop_predictions"/g;
      const seen = new Map<string, number>();
      for (const sql of statements) {
        const refs = sql.match(tableRef) ?? [];
        assert.ok(sql.length <= MAX_CHARS, `${sql.length} characters`);
        assert.ok(refs.length <= MAX_TABLES, `${refs.length} table references`);
        for (const ref of refs)
          if (ref.includes('_staging_')) seen.set(ref, (seen.get(ref) ?? 0) + 1);
      }
      assert.equal(seen.size, 5000, 'every staging table is combined');
      assert.ok(
        [...seen.values()].every((n) => n === 1),
        'and only once',
      );
    });
  }
});
