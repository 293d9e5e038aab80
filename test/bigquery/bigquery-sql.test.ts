import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { after, before, describe, it } from 'node:test';
import {
  BIGQUERY_SQL_CATALOG,
  EXAMPLE_NAMES,
  recordEntry,
  tablesFor,
  type CatalogEntry,
} from '../../scripts/bigquery-sql-catalog';
import { BatchEventsRepository } from '../../src/batch/batch-events.repository';
import { ConsolidationRepository } from '../../src/consolidation/consolidation.repository';
import { LockRepository } from '../../src/consolidation/lock.repository';
import { StagingCatalogRepository } from '../../src/consolidation/staging-catalog.repository';
import { PredictionsRepository } from '../../src/predictions/predictions.repository';
import { RestoreRepository } from '../../src/predictions/restore.repository';
import { DuplicatesRepository } from '../../src/predictions/duplicates.repository';
import { MaintenanceRunsRepository } from '../../src/predictions/maintenance-runs.repository';
import { StagingRepository } from '../../src/predictions/staging.repository';
import { BigQueryDialect } from '../../src/warehouse/adapters/bigquery/bigquery.dialect';
import { SqlBuilder } from '../../src/warehouse/sql/sql-builder';
import type { Statement } from '../../src/warehouse/sql/statement';
import { OWNED_TABLES, PREDICTIONS_TABLE } from '../../src/warehouse/tables';
import { AnalysisError, catalogOf, ZetaSqlAnalyzer } from './zetasql-analyzer';

/** Repositories whose SQL reaches BigQuery: each of their async methods must be in the catalog. */
const REPOSITORIES = [
  BatchEventsRepository,
  LockRepository,
  StagingCatalogRepository,
  ConsolidationRepository,
  StagingRepository,
  PredictionsRepository,
  RestoreRepository,
  DuplicatesRepository,
  MaintenanceRunsRepository,
];

const dialect = new BigQueryDialect(EXAMPLE_NAMES);
const TARGET = dialect.table(PREDICTIONS_TABLE.name);
const PARTITION_FILTER = /game_date = (DATE '\d{4}-\d{2}-\d{2}'|@\w+)/;

/**
 * Rules BigQuery enforces that the analyzer does not: the target requires a partition
 * filter, QUALIFY needs a WHERE, GROUP BY or HAVING, and a statement is at most 1,024k
 * characters over at most 1,000 tables.
 */
function bigQueryRuleBreaches(sql: string): string[] {
  const breaches: string[] = [];
  const ddl = /^(CREATE|ALTER|DROP) /.test(sql);
  if (!ddl && sql.includes(TARGET) && !PARTITION_FILTER.test(sql))
    breaches.push('reads the target without a game_date filter');
  for (const match of sql.matchAll(/\bQUALIFY\b/g)) {
    const select = sql.slice(sql.lastIndexOf('SELECT', match.index), match.index);
    if (!/\b(WHERE|GROUP BY|HAVING)\b/.test(select))
      breaches.push('QUALIFY without WHERE, GROUP BY or HAVING');
  }
  if (sql.length > 1_024_000) breaches.push(`${sql.length} characters (BigQuery allows 1,024k)`);
  const tables = new Set(sql.match(/`[\w-]+\.[\w]+\.[\w-]+`/g) ?? []);
  if (tables.size > 1_000) breaches.push(`${tables.size} tables (BigQuery allows 1,000)`);
  return breaches;
}

function catalogKey(entry: CatalogEntry): string {
  return entry.tables ? `entry:${entry.file}:${entry.name}` : 'base';
}

/** A script's statements, each without its terminating semicolon. */
function scriptParts(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((part) => part.replace(/;\s*$/, ''))
    .filter((part) => part.trim());
}

/**
 * What the analyzer can check of one script statement. The transaction script's
 * procedural statements (transaction-script.ts) are not statements ZetaSQL analyzes: their
 * expressions are, with the script's variables given their types (`@@row_count` INT64,
 * the declared problem STRING). Any other procedural shape fails here.
 */
function analyzable(part: string): string[] {
  const variables = (expression: string) =>
    expression
      .replace(/@@row_count/g, 'CAST(0 AS INT64)')
      .replace(/\bcoordinator_problem\b/g, "CAST('x' AS STRING)");
  if (/^DECLARE coordinator_problem STRING$/.test(part)) return [];
  const raise = /^IF (.+) THEN RAISE USING MESSAGE = (.+); END IF$/s.exec(part);
  if (raise) return [`SELECT ${variables(raise[1] ?? '')}`, `SELECT ${variables(raise[2] ?? '')}`];
  const set = /^SET coordinator_problem = (\(.+\))$/s.exec(part);
  if (set) return [`SELECT ${set[1] ?? ''}`];
  assert.doesNotMatch(
    part,
    /^(DECLARE|IF|SET|RAISE|LOOP|WHILE)\b/,
    `unexpected procedural statement: ${part}`,
  );
  return [part];
}

describe('BigQuery SQL, analyzed by ZetaSQL (the analyzer behind BigQuery)', () => {
  let analyzer: ZetaSqlAnalyzer | undefined;

  before(async () => {
    Logger.overrideLogger(false);
    analyzer = await ZetaSqlAnalyzer.start();
  });
  after(() => analyzer?.stop());

  async function analyze(
    entry: CatalogEntry,
    statement: Pick<Statement, 'sql' | 'params'>,
  ): Promise<void> {
    if (!analyzer) throw new Error('analyzer not started');
    const catalogId = await analyzer.register(
      catalogKey(entry),
      catalogOf(EXAMPLE_NAMES, tablesFor(entry)),
    );
    // A multi-statement script (several DROPs, a transaction) runs as one BigQuery script;
    // the analyzer takes one statement at a time, and its procedural parts as expressions.
    for (const sql of scriptParts(statement.sql).flatMap(analyzable)) {
      await analyzer.analyze(catalogId, { ...statement, sql });
    }
  }

  const base: CatalogEntry = {
    file: 'test',
    name: 'base',
    covers: [],
    run: () => Promise.resolve(),
  };

  for (const entry of BIGQUERY_SQL_CATALOG) {
    it(`accepts ${entry.file}: ${entry.name}`, async () => {
      const { statements } = await recordEntry(entry);
      for (const [i, statement] of statements.entries()) {
        assert.deepEqual(
          bigQueryRuleBreaches(statement.sql),
          [],
          `statement ${i + 1} of "${entry.name}":\n${statement.sql}`,
        );
        try {
          await analyze(entry, statement);
        } catch (error) {
          if (!(error instanceof AnalysisError)) throw error;
          assert.fail(
            `statement ${i + 1}/${statements.length} of "${entry.name}" rejected: ${error.message}\n${statement.sql}`,
          );
        }
      }
    });
  }

  it('covers every repository method that sends SQL (a new one needs a catalog entry)', () => {
    const covered = new Set(BIGQUERY_SQL_CATALOG.flatMap((e) => e.covers));
    const missing = REPOSITORIES.flatMap((repository) =>
      Object.getOwnPropertyNames(repository.prototype)
        .filter((name) => {
          const member = Object.getOwnPropertyDescriptor(repository.prototype, name)
            ?.value as unknown;
          return typeof member === 'function' && member.constructor.name === 'AsyncFunction';
        })
        .map((name) => `${repository.name}.${name}`)
        .filter((method) => !covered.has(method)),
    );
    assert.deepEqual(missing, [], 'add these to scripts/bigquery-sql-catalog.ts');
  });

  it("keeps every statement of a 1,000-player consolidation under 100 KB, as short as a 3-player one's", async () => {
    const sizes = async (prefix: string) => {
      const entry = BIGQUERY_SQL_CATALOG.find((e) => e.name.startsWith(prefix));
      assert.ok(entry, prefix);
      return (await recordEntry(entry)).statements.map((s) => s.sql.length);
    };
    const thousand = await sizes("MERGE: 1,000 players' writes");
    const three = await sizes("MERGE: players' newest writes");
    assert.ok(Math.max(...thousand) < 100_000, `largest: ${Math.max(...thousand)} characters`);
    assert.deepEqual(thousand, three, 'the statements do not grow with the players');
  });

  it('analyzes the MERGE of 1,000 staging tables in more than one statement, each under the limits', async () => {
    const entry = BIGQUERY_SQL_CATALOG.find((e) => e.name.startsWith('MERGE: 1,000 staging'));
    assert.ok(entry);
    const { statements } = await recordEntry(entry);
    const combines = statements.filter((s) => /_combine_run1/.test(s.sql) && !/^MERGE/.test(s.sql));
    assert.ok(combines.length >= 3, 'parts, then one combined table, then the checks');
    for (const s of statements)
      assert.ok(s.sql.length < 1_024_000, 'under the 1,024k character cap');
  });

  describe('the check bites', () => {
    async function rejection(sql: string, params: Statement['params'] = {}): Promise<string> {
      try {
        await analyze(base, { sql, params });
      } catch (error) {
        if (error instanceof AnalysisError) return error.message;
        throw error;
      }
      return assert.fail(`accepted:\n${sql}`);
    }

    it('rejects a MERGE that assigns updated_at twice', async () => {
      const entry = BIGQUERY_SQL_CATALOG.find((e) =>
        e.name.startsWith('MERGE: 63 worker columns (9 target-only)'),
      );
      assert.ok(entry);
      const merge = (await recordEntry(entry)).statements
        .flatMap((s) => scriptParts(s.sql).map((sql) => ({ sql, params: s.params })))
        .find((s) => s.sql.startsWith('MERGE'));
      assert.ok(merge);
      // The bug it guards against: updated_at copied from staging as well as set to now.
      const broken = merge.sql.replace('UPDATE SET ', 'UPDATE SET `updated_at` = S.`created_at`, ');
      assert.notEqual(broken, merge.sql);
      let message = '';
      try {
        await analyze(entry, { sql: broken, params: merge.params });
      } catch (error) {
        if (!(error instanceof AnalysisError)) throw error;
        message = error.message;
      }
      assert.match(message, /Update item updated_at assigned more than once/);
    });

    it('rejects an unknown column', async () => {
      const table = dialect.table('player_prop_predictions');
      assert.match(
        await rejection(`SELECT predicted_pts FROM ${table} WHERE game_date = '2026-01-30'`),
        /Unrecognized name: predicted_pts/,
      );
    });

    it('rejects a parameter of the wrong type', async () => {
      const sql = new SqlBuilder(dialect);
      const statement = sql.build(
        `SELECT 1 FROM ${sql.table('batch_events')} WHERE game_date = ${sql.param(20260130, 'INT64')}`,
      );
      assert.match(
        await rejection(statement.sql, statement.params),
        /No matching signature for operator =/,
      );
    });

    it('rejects what BigQuery lacks (RETURNING) and a misspelt table option', async () => {
      const locks = dialect.table('consolidation_leases');
      assert.match(
        await rejection(`DELETE FROM ${locks} WHERE TRUE THEN RETURN owner`),
        /not supported/,
      );
      assert.match(
        await rejection(`UPDATE ${locks} SET owner = 'x' WHERE TRUE RETURNING owner`),
        /Syntax error/,
      );
      assert.match(
        await rejection(
          `CREATE TABLE ${dialect.table('t')} (a STRING) OPTIONS (require_partition_fliter = TRUE)`,
        ),
        /Unknown option/,
      );
    });

    it('flags a read of the target without a partition filter, and QUALIFY without WHERE', () => {
      assert.deepEqual(bigQueryRuleBreaches(`SELECT COUNT(*) FROM ${TARGET}`), [
        'reads the target without a game_date filter',
      ]);
      assert.deepEqual(
        bigQueryRuleBreaches(
          `SELECT * FROM ${TARGET} AS t QUALIFY ROW_NUMBER() OVER (ORDER BY game_date) = 1`,
        ),
        [
          'reads the target without a game_date filter',
          'QUALIFY without WHERE, GROUP BY or HAVING',
        ],
      );
    });

    it('rejects a table reference that is not fully qualified', async () => {
      assert.match(await rejection('SELECT owner FROM consolidation_leases'), /Table not found/);
    });
  });

  it('knows every owned table under its BigQuery name', () => {
    const catalog = catalogOf(EXAMPLE_NAMES, OWNED_TABLES);
    assert.deepEqual(
      catalog.table?.map((t) => t.name),
      OWNED_TABLES.map((t) => `example-project.nba_predictions.${t.name}`),
    );
  });
});
