import { parseBatchId } from '../batch/batch-events';
import { DomainError } from '../common/domain-error';
import type { SqlDialect } from '../warehouse/sql/sql-dialect';
import { isNumeric, numeric, type ColumnDefinition } from '../warehouse/table-definition';
import {
  CONSOLIDATION_OWNED_COLUMNS,
  PREDICTIONS_TABLE,
} from '../warehouse/tables/predictions.table';
import { STAGED_ROWS_TABLE } from '../warehouse/tables/staged-rows.table';
import type { StagedColumn, StagingTable } from './staging-catalog.repository';

export type DriftPolicy = 'fail' | 'ignore' | 'append_new_columns';

/** BigQuery caps a statement at 1,024k characters and 1,000 referenced tables. */
export const MAX_STATEMENT_CHARS = 900_000;
export const MAX_TABLES_PER_STATEMENT = 500;

export interface ColumnPlan {
  /** Target columns the combined source carries (every target column but the owned ones). */
  readonly columns: readonly StagedColumn[];
  /** Columns some staging tables lack: their `_present_` flag keeps target values on update. */
  readonly partial: readonly string[];
  /** Columns present in no staging table: defaults on insert, untouched on update. */
  readonly absent: readonly string[];
  /** Staging-only columns per table, and what the policy does with them. */
  readonly extras: readonly { table: string; columns: readonly StagedColumn[] }[];
  /**
   * NUMERIC target columns some staging table holds as another type (a worker's own table
   * with FLOAT64 lines): carried unrounded through the combine and checked before the MERGE,
   * since a cast to the column's type would round a finer value silently.
   */
  readonly narrowed: readonly NarrowedColumn[];
}

export interface NarrowedColumn {
  readonly name: string;
  readonly precision: number;
  readonly scale: number;
}

/** What a narrowed column is carried as until the check: NUMERIC's full range and scale. */
const WIDE_NUMERIC = numeric(38, 9);

const SAFE_TYPE = /^[A-Za-z0-9_(),<>[\] ]{1,100}$/;

/**
 * Which columns each staging table contributes. Extra staging columns follow the drift
 * policy: `fail` names them, `ignore` leaves them, `append_new_columns` adds them first.
 */
export function planColumns(
  staging: readonly StagingTable[],
  target: readonly StagedColumn[],
  policy: DriftPolicy,
): ColumnPlan {
  const targetNames = new Set(target.map((c) => c.name));
  const extras = staging
    .map((t) => ({ table: t.name, columns: t.columns.filter((c) => !targetNames.has(c.name)) }))
    .filter((e) => e.columns.length > 0);
  if (extras.length > 0 && policy === 'fail') {
    const names = [...new Set(extras.flatMap((e) => e.columns.map((c) => c.name)))].sort();
    throw DomainError.badInput(
      `staging has column(s) the target lacks: ${names.join(', ')} (in ${extras.length} table(s), e.g. ${extras[0]?.table}); ` +
        'set SCHEMA_DRIFT_POLICY=ignore or append_new_columns, or fix the worker',
      names.map((field) => ({ field, problem: 'not a column of the target table' })),
    );
  }
  const columns = target.filter((c) => !CONSOLIDATION_OWNED_COLUMNS.includes(c.name));
  for (const c of columns) {
    if (!SAFE_TYPE.test(c.dataType))
      throw new Error(`unexpected column type ${c.dataType} for ${c.name}`);
  }
  const presentIn = (name: string) =>
    staging.filter((t) => t.columns.some((c) => c.name === name)).length;
  return {
    columns,
    partial: columns
      .filter((c) => presentIn(c.name) > 0 && presentIn(c.name) < staging.length)
      .map((c) => c.name),
    absent: columns.filter((c) => presentIn(c.name) === 0).map((c) => c.name),
    extras,
    narrowed: narrowedColumns(staging, columns),
  };
}

function narrowedColumns(
  staging: readonly StagingTable[],
  columns: readonly StagedColumn[],
): NarrowedColumn[] {
  return columns.flatMap((c) => {
    const type = definition(c.name)?.type;
    if (type === undefined || !isNumeric(type)) return [];
    const differs = staging.some((t) =>
      t.columns.some((s) => s.name === c.name && s.dataType !== c.dataType),
    );
    return differs ? [{ name: c.name, precision: type.precision, scale: type.scale }] : [];
  });
}

/** The columns `append_new_columns` must add to the target before the MERGE. */
export function columnsToAppend(plan: ColumnPlan): StagedColumn[] {
  const byName = new Map<string, StagedColumn>();
  for (const extra of plan.extras) for (const c of extra.columns) byName.set(c.name, c);
  for (const c of byName.values()) {
    if (!SAFE_TYPE.test(c.dataType))
      throw new Error(`unexpected column type ${c.dataType} for ${c.name}`);
  }
  return [...byName.values()];
}

function definition(name: string): ColumnDefinition | undefined {
  return PREDICTIONS_TABLE.columns.find((c) => c.name === name);
}

function presentFlag(column: string): string {
  return `_present_${column}`;
}

/**
 * One SELECT per staging table, plus one over the shared staging table for every slice
 * (exactly the writes planned), each giving the plan's columns and presence flags.
 */
function sourceSelects(
  dialect: SqlDialect,
  staging: readonly StagingTable[],
  plan: ColumnPlan,
): string[] {
  const q = (n: string) => dialect.quoteIdentifier(n);
  const selectOf = (columns: readonly StagedColumn[], from: string) => {
    const have = new Map(columns.map((c) => [c.name, c.dataType]));
    const exprs = plan.columns.map((c) => {
      const staged = have.get(c.name);
      if (plan.narrowed.some((n) => n.name === c.name)) {
        const wide = dialect.typeName(WIDE_NUMERIC);
        return `CAST(${staged === undefined ? 'NULL' : q(c.name)} AS ${wide}) AS ${q(c.name)}`;
      }
      if (staged === undefined) return `${defaultFor(dialect, c)} AS ${q(c.name)}`;
      return staged === c.dataType
        ? q(c.name)
        : `CAST(${q(c.name)} AS ${c.dataType}) AS ${q(c.name)}`;
    });
    const flags = plan.partial.map(
      (name) => `${have.has(name) ? 'TRUE' : 'FALSE'} AS ${q(presentFlag(name))}`,
    );
    return `SELECT ${[...exprs, ...flags].join(', ')} FROM ${from}`;
  };
  const selects = staging
    .filter((t) => !t.slice)
    .map((t) => selectOf(t.columns, dialect.table(t.name)));
  // Slices of the shared staging table are read in one select: exactly the writes planned.
  const slices = staging.filter((t) => t.slice);
  if (slices.length > 0) selects.push(selectOf(slices[0]!.columns, sliceSource(dialect, slices)));
  return selects;
}

/** The batches, date and newest write number a run's slices cover. */
function writesOf(
  dialect: SqlDialect,
  slices: readonly StagingTable[],
): { date: string; batches: string; cutoff: number } {
  const batchIds = [...new Set(slices.map((t) => t.batchId))];
  const dates = new Set(batchIds.map((id) => parseBatchId(id)?.gameDate));
  const gameDate = [...dates][0];
  if (!gameDate || dates.size !== 1)
    throw new Error(`slices of one game date expected: ${batchIds.join(', ')}`);
  const cutoff = Math.max(...slices.map((t) => t.slice?.writeSeq ?? Number.NaN));
  if (!Number.isSafeInteger(cutoff)) throw new Error('bad write number in the slices');
  // Batch ids are validated (b<date>_<n>): safe as literals, and the statement stays short.
  return {
    date: dialect.dateLiteral(gameDate),
    batches: batchIds.map((id) => `'${id}'`).join(', '),
    cutoff,
  };
}

/**
 * Each player's newest write among the batches' writes up to the newest one the run found,
 * read in the date's partition. The statement's length does not grow with the players; a
 * write staged after the run looked (a higher number) is left for the next run.
 */
function sliceSource(dialect: SqlDialect, slices: readonly StagingTable[]): string {
  const { date, batches, cutoff } = writesOf(dialect, slices);
  return `(SELECT * FROM ${dialect.table(STAGED_ROWS_TABLE.name)}
  WHERE game_date = ${date} AND batch_id IN (${batches}) AND write_seq <= ${cutoff}
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes`;
}

/**
 * The writes a run merged, and the older writes of the same batches, deleted in the MERGE's
 * own transaction (after its checks): they go exactly when the MERGE that read them commits.
 */
export function consumedWritesDelete(
  dialect: SqlDialect,
  staging: readonly StagingTable[],
): string | undefined {
  const slices = staging.filter((t) => t.slice);
  if (slices.length === 0) return undefined;
  const { date, batches, cutoff } = writesOf(dialect, slices);
  return `DELETE FROM ${dialect.table(STAGED_ROWS_TABLE.name)}
WHERE game_date = ${date} AND batch_id IN (${batches}) AND write_seq <= ${cutoff}`;
}

/**
 * Where every staging entry is a slice of the shared staging table, the MERGE reads them in
 * place (one select, as a derived table): no combine table is written. Undefined otherwise.
 */
export function inlineSource(
  dialect: SqlDialect,
  staging: readonly StagingTable[],
  plan: ColumnPlan,
): string | undefined {
  if (staging.length === 0 || !staging.every((t) => t.slice)) return undefined;
  const [select, ...more] = sourceSelects(dialect, staging, plan);
  return select !== undefined && more.length === 0 ? `(${select}) AS staged` : undefined;
}

/** Statements that copy every staging table into one combined table, chunked under BigQuery's limits. */
export function combineStatements(
  dialect: SqlDialect,
  combineTable: string,
  staging: readonly StagingTable[],
  plan: ColumnPlan,
): string[] {
  const steps = combineSteps(dialect, combineTable, staging, plan);
  return [...steps.parts, ...steps.finish];
}

/**
 * The combine as steps: `parts` are independent (each creates its own table, so they may
 * run side by side); `finish` runs after all of them, in order.
 */
export function combineSteps(
  dialect: SqlDialect,
  combineTable: string,
  staging: readonly StagingTable[],
  plan: ColumnPlan,
): { parts: string[]; finish: string[] } {
  const outputNames = [...plan.columns.map((c) => c.name), ...plan.partial.map(presentFlag)];
  const selects = sourceSelects(dialect, staging, plan);
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const select of selects) {
    const maxTables = Math.min(MAX_TABLES_PER_STATEMENT, dialect.maxUnionTables);
    if (current.length >= maxTables || length + select.length > MAX_STATEMENT_CHARS) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(select);
    length += select.length + 11;
  }
  if (current.length > 0) chunks.push(current);
  if (chunks.length === 1) {
    return {
      parts: [dialect.createOrReplaceTableAs(combineTable, chunks[0]!.join('\nUNION ALL\n'))],
      finish: [],
    };
  }
  // Several parts, then one table made in a single statement: the MERGE plans far better
  // over a table created whole than over one grown by many INSERTs.
  const parts = chunks.map((_, i) => `${combineTable}_p${i}`);
  return {
    parts: chunks.map((selects, i) =>
      dialect.createOrReplaceTableAs(parts[i]!, selects.join('\nUNION ALL\n')),
    ),
    finish: [
      dialect.createOrReplaceTableAs(
        combineTable,
        parts
          .map((part) => `SELECT ${dialect.columnList(outputNames)} FROM ${dialect.table(part)}`)
          .join('\nUNION ALL\n'),
      ),
      dialect.dropTablesIfExist(parts),
    ],
  };
}

function defaultFor(dialect: SqlDialect, column: StagedColumn): string {
  const value = definition(column.name)?.default;
  if (value?.kind === 'literal') {
    const literal =
      typeof value.value === 'string'
        ? `'${value.value.replace(/'/g, "''")}'`
        : String(value.value).toUpperCase();
    return `CAST(${literal} AS ${column.dataType})`;
  }
  if (value?.kind === 'now') return dialect.currentTimestamp();
  return `CAST(NULL AS ${column.dataType})`;
}

export interface MergeShape {
  readonly dialect: SqlDialect;
  readonly gameDate: string;
  /** The staged rows as a FROM item: the combine table, or slices read in place. */
  readonly source: string;
  readonly plan: ColumnPlan;
  readonly businessKey: readonly string[];
  readonly deactivate: boolean;
  /** Placeholder of the run's timestamp parameter. */
  readonly nowRef: string;
}

/**
 * Null-safe where a key column may be NULL (the line: NULL is a value, not a wildcard);
 * plain equality on REQUIRED columns, which lets engines hash-join and prune on them.
 */
function keyMatch(shape: MergeShape, left: string, right: string): string {
  return columnsMatch(shape, shape.businessKey, left, right);
}

/** The deactivation group: the business key less the line (never without system_id). */
function groupColumns(shape: MergeShape): string[] {
  return shape.businessKey.filter((k) => k !== 'current_points_line' && k !== 'game_date');
}

/**
 * The version of a row's values: its `predicted_at`, or its `created_at` where the writer
 * left `predicted_at` out. The MERGE writes this value into the target's `predicted_at` on
 * insert and update, so a target row always says which version it holds (its own
 * `created_at` is kept from the first version and cannot). Rows written before this rule
 * with no `predicted_at` fall back to their `created_at`, a lower bound of their version.
 */
export const VERSION_COLUMN = 'predicted_at';

function versionOf(shape: MergeShape, alias?: string): string {
  const q = (n: string) => shape.dialect.quoteIdentifier(n);
  const prefix = alias ? `${alias}.` : '';
  return `COALESCE(${prefix}${q(VERSION_COLUMN)}, ${prefix}${q('created_at')})`;
}

/** The staged rows, one per business key: the newest version wins, then the newest created_at. */
export function dedupedSource(shape: MergeShape): string {
  const q = (n: string) => shape.dialect.quoteIdentifier(n);
  return `SELECT * FROM ${shape.source} WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY ${shape.businessKey.map(q).join(', ')} ORDER BY ${shape.dialect.newestFirst([versionOf(shape), q('created_at'), q('prediction_id')])}) = 1`;
}

/** Columns matched null-safely where they may be NULL, by equality where REQUIRED. */
function columnsMatch(
  shape: MergeShape,
  columns: readonly string[],
  left: string,
  right: string,
): string {
  const q = (n: string) => shape.dialect.quoteIdentifier(n);
  return columns
    .map((k) =>
      definition(k)?.mode === 'REQUIRED'
        ? `${left}.${q(k)} = ${right}.${q(k)}`
        : `${left}.${q(k)} IS NOT DISTINCT FROM ${right}.${q(k)}`,
    )
    .join(' AND ');
}

/**
 * The deduplicated staged rows (CTE `deduped`) that are not stale: a staged row is stale when
 * the target row of its key holds a newer version, or (where superseded rows are
 * deactivated) when an active row of its group (same game, player and system, another line)
 * does. A stale row is neither inserted nor updated and supersedes nothing, so a late
 * redelivery never brings older values back; the run counts it in `rowsStale`.
 */
function freshRows(shape: MergeShape): string {
  const q = (n: string) => shape.dialect.quoteIdentifier(n);
  const target = shape.dialect.table(PREDICTIONS_TABLE.name);
  const date = shape.dialect.dateLiteral(shape.gameDate);
  const key = shape.businessKey.map(q).join(', ');
  const version = versionOf(shape, 'D');
  const joins = [
    `LEFT JOIN (SELECT ${key}, MAX(${versionOf(shape)}) AS _held FROM ${target} WHERE game_date = ${date} GROUP BY ${key}) AS K
  ON ${columnsMatch(shape, shape.businessKey, 'K', 'D')}`,
  ];
  const stale = [`COALESCE(K._held > ${version}, FALSE)`];
  if (shape.deactivate) {
    const group = groupColumns(shape);
    joins.push(`LEFT JOIN (SELECT ${group.map(q).join(', ')}, MAX(${versionOf(shape)}) AS _newest FROM ${target} WHERE game_date = ${date} AND is_active GROUP BY ${group.map(q).join(', ')}) AS A
  ON ${columnsMatch(shape, group, 'A', 'D')}`);
    stale.push(`COALESCE(A._newest > ${version}, FALSE)`);
  }
  return `SELECT D.* FROM deduped AS D
${joins.join('\n')}
WHERE NOT (${stale.join(' OR ')})`;
}

/** The CTEs every statement of a run reads: `deduped` (one row per key) and `src` (not stale). */
function sourceCtes(shape: MergeShape): string {
  return `deduped AS (${dedupedSource(shape)}),
src AS (${freshRows(shape)})`;
}

function targetOfDate(shape: MergeShape): string {
  return `SELECT * FROM ${shape.dialect.table(PREDICTIONS_TABLE.name)} WHERE game_date = ${shape.dialect.dateLiteral(shape.gameDate)}`;
}

/**
 * Active target rows of the date that a staged row replaces: same game, player and
 * system (the business key less the line), no longer staged under their own key. Each
 * carries its own prediction_id and the id of a row replacing it. Written as joins, not
 * as a correlated condition, so both engines plan them as hash joins.
 */
function supersededRows(shape: MergeShape): string {
  const q = (n: string) => shape.dialect.quoteIdentifier(n);
  const group = groupColumns(shape);
  const columns = shape.plan.columns.map((c) => `T.${q(c.name)}`);
  const flags = shape.plan.partial.map((name) => `FALSE AS ${q(presentFlag(name))}`);
  return `SELECT ${[...columns, ...flags].join(', ')}, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM ${shape.dialect.table(PREDICTIONS_TABLE.name)} AS T
JOIN (SELECT ${group.map(q).join(', ')}, MAX(prediction_id) AS _replaced_by FROM src GROUP BY ${group.map(q).join(', ')}) AS G
  ON ${group.map((k) => `G.${q(k)} = T.${q(k)}`).join(' AND ')}
WHERE T.game_date = ${shape.dialect.dateLiteral(shape.gameDate)} AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE ${keyMatch(shape, 'T', 'S')})`;
}

/**
 * The one target row of each key a staged row updates: the key's active row, else its
 * newest. A key may also hold inactive rows (its history, or rows repairDuplicates
 * deactivated): matching them too would make them active again next to the kept one.
 */
function rowOfKey(shape: MergeShape): string {
  const q = (n: string) => shape.dialect.quoteIdentifier(n);
  const key = shape.businessKey.map(q).join(', ');
  return `SELECT ${key}, prediction_id FROM ${shape.dialect.table(PREDICTIONS_TABLE.name)} WHERE game_date = ${shape.dialect.dateLiteral(shape.gameDate)}
QUALIFY ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, ${versionOf(shape)} DESC, ${q('created_at')} DESC, ${q('prediction_id')} DESC) = 1`;
}

/**
 * For each narrowed column: the staged rows whose value is finer than the column's scale
 * or outside its precision (`inexact_<i>`), and one of their prediction ids
 * (`inexact_example_<i>`), in one pass over the source. Any such row fails the run before
 * the MERGE. Empty where no column is narrowed (the usual case).
 */
function inexactFigures(shape: MergeShape): { columns: string; from: string } {
  if (shape.plan.narrowed.length === 0) return { columns: '', from: '' };
  const q = (n: string) => shape.dialect.quoteIdentifier(n);
  const figures = shape.plan.narrowed.flatMap((c, i) => {
    const value = q(c.name);
    const limit = `1${'0'.repeat(c.precision - c.scale)}`;
    const inexact = `${value} IS NOT NULL AND (${value} <> ROUND(${value}, ${c.scale}) OR ABS(${value}) >= ${limit})`;
    return [
      `SUM(CASE WHEN ${inexact} THEN 1 ELSE 0 END) AS inexact_${i}`,
      `MIN(CASE WHEN ${inexact} THEN prediction_id END) AS inexact_example_${i}`,
    ];
  });
  return {
    columns: shape.plan.narrowed
      .map((_, i) => `\n  X.inexact_${i}, X.inexact_example_${i},`)
      .join(''),
    from: `\nFROM (SELECT ${figures.join(',\n  ')}\nFROM ${shape.source}) AS X`,
  };
}

/** What the MERGE will do, counted before it runs, so its outcome can be checked. */
export function figuresQuery(shape: MergeShape): string {
  const deactivated = shape.deactivate
    ? `(SELECT COUNT(*) FROM (${supersededRows(shape)}) AS D)`
    : '0';
  const inexact = inexactFigures(shape);
  return `WITH ${sourceCtes(shape)},
tgt AS (${targetOfDate(shape)})
SELECT${inexact.columns}
  (SELECT COUNT(*) FROM ${shape.source}) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE ${keyMatch(shape, 'T', 'S')})) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE ${keyMatch(shape, 'T', 'S')})) AS rows_updated,
  ${deactivated} AS rows_deactivated${inexact.from}`;
}

/**
 * The one MERGE: null-safe business key, a literal partition filter, prediction_id and
 * created_at kept, updated_at set once, predicted_at set to the version applied, and never
 * an older version over a newer one (stale rows stay out). Superseded rows ride in the source flagged
 * `_deactivate` and match only themselves, so they are deactivated in the same statement.
 *
 * Every source row names the target row it matches (`_target_id`: a staged row's is found
 * by its business key, a superseded row's is its own), so ON is equalities only. With an
 * OR in ON (one rule for staged rows, another for superseded ones) DuckDB planned a nested
 * loop: 4-8 s to re-consolidate a day of 13,500 rows instead of milliseconds.
 */
export function mergeStatement(shape: MergeShape): string {
  const { dialect, plan } = shape;
  const q = (n: string) => dialect.quoteIdentifier(n);
  const date = dialect.dateLiteral(shape.gameDate);
  for (const needed of [VERSION_COLUMN, 'created_at']) {
    if (!plan.columns.some((c) => c.name === needed))
      throw new Error(`the target has no ${needed} column: the MERGE cannot keep row versions`);
  }
  const keep = new Set([...shape.businessKey, 'prediction_id', 'created_at', VERSION_COLUMN]);
  const updates = plan.columns
    .filter((c) => !keep.has(c.name) && !plan.absent.includes(c.name))
    .map((c) =>
      plan.partial.includes(c.name)
        ? `${q(c.name)} = CASE WHEN S.${q(presentFlag(c.name))} THEN S.${q(c.name)} ELSE T.${q(c.name)} END`
        : `${q(c.name)} = S.${q(c.name)}`,
    );
  // The version the row now holds, whether or not the staging carried predicted_at.
  updates.push(`${q(VERSION_COLUMN)} = ${versionOf(shape, 'S')}`);
  updates.push(`is_active = TRUE`, `superseded_by = NULL`, `updated_at = ${shape.nowRef}`);
  const insertColumns = [
    ...plan.columns.map((c) => c.name),
    'is_active',
    'superseded_by',
    'updated_at',
  ];
  const insertValues = [
    ...plan.columns.map((c) =>
      c.name === VERSION_COLUMN ? versionOf(shape, 'S') : `S.${q(c.name)}`,
    ),
    'TRUE',
    'NULL',
    shape.nowRef,
  ];
  const text = dialect.typeName('STRING');
  const staged = `SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS ${text}) AS _replaced_by
FROM src LEFT JOIN (${rowOfKey(shape)}) AS M
  ON ${keyMatch(shape, 'M', 'src')}`;
  const source = shape.deactivate ? `${staged}\nUNION ALL\n${supersededRows(shape)}` : staged;
  const deactivation = shape.deactivate
    ? `
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = ${shape.nowRef}`
    : '';
  // Stale rows are not in the source; the MATCHED condition says the same at the row itself.
  return `MERGE INTO ${dialect.table(PREDICTIONS_TABLE.name)} AS T
USING (WITH ${sourceCtes(shape)}
${source}) AS S
ON T.game_date = ${date} AND T.prediction_id = S._target_id AND ${keyMatch(shape, 'T', 'S')}${deactivation}
WHEN MATCHED AND ${versionOf(shape, 'S')} >= ${versionOf(shape, 'T')} THEN
  UPDATE SET ${updates.join(',\n    ')}
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (${dialect.columnList(insertColumns)})
  VALUES (${insertValues.join(', ')})`;
}

/**
 * After the MERGE: staged keys with no active row, and staged keys with more than one.
 * Stale rows (judged again on the merged target) are left out: they were not applied.
 */
export function verificationQuery(shape: MergeShape): string {
  const q = (n: string) => shape.dialect.quoteIdentifier(n);
  const key = shape.businessKey.map(q).join(', ');
  return `WITH ${sourceCtes(shape)},
tgt AS (${targetOfDate(shape)} AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE ${keyMatch(shape, 'T', 'S')})) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT ${key} FROM tgt GROUP BY ${key} HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE ${keyMatch(shape, 'D', 'S')})) AS keys_duplicated`;
}

/**
 * The verification as a transaction check: one `problem` text, NULL when every staged key
 * has exactly one active row (the MERGE's transaction commits only then).
 */
export function verificationCheck(shape: MergeShape): string {
  const text = shape.dialect.typeName('STRING');
  return `SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS ${text}), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS ${text}), ' with more than one') END AS problem
FROM (${verificationQuery(shape)}) AS v`;
}
