import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BATCH_EVENTS_TABLE, LOCKS_TABLE, PREDICTIONS_TABLE } from '../../tables';
import { numeric } from '../../table-definition';
import { BigQueryDialect } from './bigquery.dialect';

const dialect = new BigQueryDialect({ projectId: 'my-project', datasetId: 'nba_predictions' });

describe('BigQueryDialect', () => {
  it('qualifies tables as one backticked project.dataset.table', () => {
    assert.equal(dialect.table('batch_events'), '`my-project.nba_predictions.batch_events`');
    assert.throws(() => dialect.table('x`; DROP TABLE y'), /unsafe table name/);
    assert.throws(
      () => new BigQueryDialect({ projectId: 'p`x', datasetId: 'd' }),
      /unsafe BigQuery project/,
    );
    assert.throws(
      () => new BigQueryDialect({ projectId: 'p', datasetId: 'd.e' }),
      /unsafe BigQuery dataset/,
    );
  });

  it('writes named parameters and BigQuery types', () => {
    assert.equal(dialect.paramRef('p0'), '@p0');
    assert.equal(dialect.typeName(numeric(5, 1)), 'NUMERIC(5, 1)');
    assert.equal(dialect.typeName('STRING', true), 'ARRAY<STRING>');
    assert.equal(dialect.nullOf(numeric(4, 1)), 'CAST(NULL AS NUMERIC(4, 1))');
    assert.equal(dialect.quoteIdentifier('a`b'), '`a\\`b`');
  });

  it('partitions, clusters and requires a partition filter only where the definition says so', () => {
    const target = dialect.createTableIfNotExists(PREDICTIONS_TABLE);
    assert.match(
      target,
      /^CREATE TABLE IF NOT EXISTS `my-project\.nba_predictions\.player_prop_predictions` \(/,
    );
    assert.match(
      target,
      /\nPARTITION BY `game_date`\nCLUSTER BY `system_id`, `player_lookup`\nOPTIONS \(require_partition_filter = TRUE\)$/,
    );
    assert.match(target, /`prediction_version` INT64 DEFAULT 1 NOT NULL,/);
    assert.match(target, /`created_at` TIMESTAMP DEFAULT CURRENT_TIMESTAMP\(\) NOT NULL,/);
    assert.match(target, /`data_quality_issues` ARRAY<STRING>,/);
    assert.doesNotMatch(
      dialect.createTableIfNotExists(BATCH_EVENTS_TABLE),
      /require_partition_filter/,
    );
    const leases = dialect.createTableIfNotExists(LOCKS_TABLE);
    assert.match(
      leases,
      /\nPARTITION BY `game_date`$/,
      'leases of two dates never share a partition',
    );
    assert.doesNotMatch(leases, /CLUSTER BY|OPTIONS/);
  });

  it('adds columns as NULLABLE without a default (BigQuery allows nothing else on ALTER)', () => {
    const required = PREDICTIONS_TABLE.columns.find((c) => c.name === 'prediction_version');
    assert.ok(required);
    assert.equal(
      dialect.addColumnIfNotExists('player_prop_predictions', required),
      'ALTER TABLE `my-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `prediction_version` INT64',
    );
  });

  it("reads a table's columns from INFORMATION_SCHEMA", () => {
    assert.match(
      dialect.listColumns('t'),
      /INFORMATION_SCHEMA\.COLUMNS\nWHERE table_name = @t ORDER BY ordinal_position$/,
    );
  });

  it('has arrays, intervals and time travel the GoogleSQL way', () => {
    assert.equal(dialect.inArray('player_lookup', '@p1'), 'player_lookup IN UNNEST(@p1)');
    assert.equal(
      dialect.timeTravel('player_prop_predictions', '@at'),
      '`my-project.nba_predictions.player_prop_predictions` FOR SYSTEM_TIME AS OF @at',
    );
    assert.equal(dialect.hasTimeTravel, true);
  });
});
