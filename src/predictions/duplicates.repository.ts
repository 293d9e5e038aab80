import { Injectable } from '@nestjs/common';
import { VERSION_COLUMN } from '../consolidation/merge-plan';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import type { SqlDialect } from '../warehouse/sql/sql-dialect';
import type { Row } from '../warehouse/sql/statement';
import { PREDICTIONS_TABLE } from '../warehouse/tables';
import { WarehouseClient, type TransactionStep } from '../warehouse/warehouse-client';

/** The names of the repair transaction's checks (WarehouseError.check when one fails). */
export const REPAIR_COUNT_CHECK = 'repair_count';
export const REPAIR_VERIFY_CHECK = 'repair_verify';

export interface DuplicateFigures {
  /** Business keys with more than one active row. */
  readonly keys: number;
  /** Their active rows, all copies counted. */
  readonly rows: number;
  /** Rows with the prediction id of a higher-ranked row of their key: removed, not kept inactive. */
  readonly copies: number;
}

/** An active row of a duplicated key, ranked within its key: rank 1 is the row kept. */
export interface RankedRow {
  readonly keyNumber: number;
  readonly rank: number;
  readonly row: Row;
}

const COLUMNS = PREDICTIONS_TABLE.columns.map((c) => c.name);
const REQUIRED = new Set(
  PREDICTIONS_TABLE.columns.filter((c) => c.mode === 'REQUIRED').map((c) => c.name),
);

/**
 * Business keys of one date with more than one active row (data written before this
 * service, or by hand), and their repair: the newest row of each key stays active, the
 * others are deactivated. "Newest" is the row version of docs/architecture.md ("Versions"):
 * the newest version, then the newest created_at, then the highest prediction_id, then the
 * row's whole text, so the choice is the same on every run and in the dry run.
 */
@Injectable()
export class DuplicatesRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  async figures(gameDate: string, businessKey: readonly string[]): Promise<DuplicateFigures> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT COALESCE(SUM(CASE WHEN _rank = 1 THEN 1 ELSE 0 END), 0) AS duplicate_keys,
  COUNT(*) AS duplicate_rows,
  COALESCE(SUM(CASE WHEN _copy > 1 THEN 1 ELSE 0 END), 0) AS copies
FROM (${rankedDuplicates(this.warehouse.dialect, gameDate, businessKey)}) AS d`,
        { job: { operation: 'duplicate_figures', gameDate } },
      ),
    );
    return {
      keys: Number(rows[0]?.duplicate_keys ?? 0),
      rows: Number(rows[0]?.duplicate_rows ?? 0),
      copies: Number(rows[0]?.copies ?? 0),
    };
  }

  /** The active rows of the first `maxKeys` duplicated keys (in key order), ranked in each key. */
  async rankedRows(
    gameDate: string,
    businessKey: readonly string[],
    maxKeys: number,
  ): Promise<RankedRow[]> {
    const dialect = this.warehouse.dialect;
    const sql = new SqlBuilder(dialect);
    const key = businessKey.map((k) => `D.${dialect.quoteIdentifier(k)}`).join(', ');
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT ${dialect.columnList(COLUMNS)}, _rank, _key_number FROM (
  SELECT D.*, DENSE_RANK() OVER (ORDER BY ${key}) AS _key_number
  FROM (${rankedDuplicates(dialect, gameDate, businessKey)}) AS D
) AS K
WHERE _key_number <= ${sql.param(maxKeys, 'INT64')}
ORDER BY _key_number, _rank`,
        { job: { operation: 'duplicate_rows', gameDate } },
      ),
    );
    return rows.map((row) => ({
      keyNumber: Number(row._key_number),
      rank: Number(row._rank),
      row,
    }));
  }

  /**
   * The repair, in one transaction after `fence`: every active row of a duplicated key is
   * written again (one MERGE deletes them and inserts them back, since identical copies
   * cannot be told apart by any condition), the newest active and the others inactive,
   * superseded by it; a copy of a higher-ranked row (same prediction id) is not written
   * back, as no later MERGE could tell it from that row. It must change exactly the rows
   * counted beforehand (each deleted, all but the copies inserted), and leave no key of the
   * date with two active rows; otherwise nothing is committed.
   */
  async repair(
    gameDate: string,
    businessKey: readonly string[],
    targetColumns: readonly string[],
    now: string,
    fence: TransactionStep,
    counted: DuplicateFigures,
  ): Promise<void> {
    const dialect = this.warehouse.dialect;
    const merge = new SqlBuilder(dialect);
    const statement = merge.build(
      repairMerge(dialect, gameDate, businessKey, targetColumns, merge.param(now, 'TIMESTAMP')),
      { job: { operation: 'repair_duplicates', gameDate }, costly: true },
    );
    const check = new SqlBuilder(dialect);
    const text = dialect.typeName('STRING');
    const verify = check.build(
      `SELECT CASE WHEN COUNT(*) > 0 THEN CONCAT(CAST(COUNT(*) AS ${text}), ' business key(s) still have more than one active row') END AS problem
FROM (${duplicatedKeys(dialect, gameDate, businessKey)}) AS d`,
      { job: { operation: 'repair_verify', gameDate } },
    );
    await this.warehouse.transaction(
      [
        fence,
        {
          kind: 'write',
          statement,
          expectChanged: 2 * counted.rows - counted.copies,
          check: REPAIR_COUNT_CHECK,
        },
        { kind: 'check', statement: verify, check: REPAIR_VERIFY_CHECK },
      ],
      { operation: 'repair_duplicates', gameDate },
    );
  }
}

/** The date's business keys with more than one active row. */
function duplicatedKeys(
  dialect: SqlDialect,
  gameDate: string,
  businessKey: readonly string[],
): string {
  const key = dialect.columnList(businessKey);
  return `SELECT ${key} FROM ${dialect.table(PREDICTIONS_TABLE.name)}
WHERE game_date = ${dialect.dateLiteral(gameDate)} AND is_active
GROUP BY ${key} HAVING COUNT(*) > 1`;
}

/**
 * The active rows of duplicated keys, each with its rank in its key (`_rank` 1: kept), the
 * prediction id of the row kept (`_keeper`) and its rank among its key's rows of the same
 * prediction id (`_copy` above 1: a copy).
 */
function rankedDuplicates(dialect: SqlDialect, gameDate: string, key: readonly string[]): string {
  const q = (n: string) => dialect.quoteIdentifier(n);
  const partition = key.map((k) => `R.${q(k)}`).join(', ');
  const version = `COALESCE(R.${q(VERSION_COLUMN)}, R.${q('created_at')})`;
  const order = `${version} DESC, R.${q('created_at')} DESC, R.${q('prediction_id')} DESC, ${dialect.rowText('R')} DESC`;
  const window = `OVER (PARTITION BY ${partition} ORDER BY ${order})`;
  return `SELECT * FROM (
  SELECT R.*, COUNT(*) OVER (PARTITION BY ${partition}) AS _copies,
    ROW_NUMBER() ${window} AS _rank,
    ROW_NUMBER() OVER (PARTITION BY ${partition}, R.${q('prediction_id')} ORDER BY ${order}) AS _copy,
    FIRST_VALUE(R.${q('prediction_id')}) ${window} AS _keeper
  FROM ${dialect.table(PREDICTIONS_TABLE.name)} AS R
  WHERE R.game_date = ${dialect.dateLiteral(gameDate)} AND R.is_active
) AS ranked
WHERE _copies > 1`;
}

/**
 * ON FALSE: no source row matches a target row, so every active row of a duplicated key
 * is deleted (NOT MATCHED BY SOURCE, within the date's partition) and every ranked row is
 * inserted back, in one statement that reads the table once, before it changes.
 */
function repairMerge(
  dialect: SqlDialect,
  gameDate: string,
  businessKey: readonly string[],
  columns: readonly string[],
  nowRef: string,
): string {
  const q = (n: string) => dialect.quoteIdentifier(n);
  const values = columns.map((c) => {
    if (c === 'is_active') return 'S._rank = 1';
    if (c === 'superseded_by') return `CASE WHEN S._rank = 1 THEN S.${q(c)} ELSE S._keeper END`;
    if (c === 'updated_at') return `CASE WHEN S._rank = 1 THEN S.${q(c)} ELSE ${nowRef} END`;
    return `S.${q(c)}`;
  });
  const match = businessKey
    .map((k) =>
      REQUIRED.has(k) ? `K.${q(k)} = T.${q(k)}` : `K.${q(k)} IS NOT DISTINCT FROM T.${q(k)}`,
    )
    .join(' AND ');
  return `MERGE INTO ${dialect.table(PREDICTIONS_TABLE.name)} AS T
USING (SELECT * FROM (${rankedDuplicates(dialect, gameDate, businessKey)}) AS D WHERE _copy = 1) AS S
ON FALSE
WHEN NOT MATCHED THEN
  INSERT (${dialect.columnList(columns)})
  VALUES (${values.join(', ')})
WHEN NOT MATCHED BY SOURCE AND T.game_date = ${dialect.dateLiteral(gameDate)} AND T.is_active
  AND EXISTS (SELECT 1 FROM (${duplicatedKeys(dialect, gameDate, businessKey)}) AS K WHERE ${match}) THEN
  DELETE`;
}
