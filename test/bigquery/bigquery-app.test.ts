import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OWNED_TABLES } from '../../src/warehouse/tables';
import { startTestApp, type TestApp } from '../support/test-app';
import { BigQueryRestStandIn } from './rest-stand-in';

/** What INFORMATION_SCHEMA.COLUMNS says for the table a listColumns query names. */
function columnsOf(parameters: unknown[]): unknown[][] {
  const named = parameters as { name: string; parameterValue: { value?: string } }[];
  const table = OWNED_TABLES.find(
    (t) => t.name === named.find((p) => p.name === 'table_name')?.parameterValue.value,
  );
  return (table?.columns ?? []).map((c) => [c.name, 'STRING']);
}

describe('the app on WAREHOUSE=bigquery (module factory, schema bootstrap, GraphQL) against the REST stand-in', () => {
  const stand = new BigQueryRestStandIn();
  let app: TestApp;

  before(async () => {
    const endpoint = await stand.start();
    stand.answerWith((sql, parameters) =>
      sql.includes('INFORMATION_SCHEMA.COLUMNS')
        ? {
            fields: [
              { name: 'column_name', type: 'STRING' },
              { name: 'data_type', type: 'STRING' },
            ],
            rows: columnsOf(parameters),
          }
        : {
            fields: [
              { name: 'batch_id', type: 'STRING' },
              { name: 'occurred_at', type: 'TIMESTAMP' },
            ],
            rows: [],
          },
    );
    app = await startTestApp({
      env: {
        WAREHOUSE: 'bigquery',
        BIGQUERY_PROJECT: 'test-project',
        BIGQUERY_DATASET: 'nba_app',
        BIGQUERY_LOCATION: 'EU',
        BIGQUERY_API_ENDPOINT: endpoint,
        // Every probe asks BigQuery (no recent call of the service's own counts).
        READINESS_MAX_AGE_SECONDS: '0',
      },
    });
  });
  after(async () => {
    await app?.close();
    await stand.stop();
  });

  it('creates the dataset in its location and the owned tables with BigQuery DDL', () => {
    assert.deepEqual(stand.requestsTo('insertDataset')[0]?.body, {
      location: 'EU',
      datasetReference: { datasetId: 'nba_app' },
    });
    const ddl = stand
      .requestsTo('insertJob')
      .map(
        (r) =>
          (r.body as { configuration: { query: { query: string } } }).configuration.query.query,
      )
      .filter((sql) => sql.startsWith('CREATE TABLE IF NOT EXISTS'));
    assert.equal(ddl.length, 1, 'one script job creates every table');
    assert.deepEqual(
      [
        ...(ddl[0] ?? '').matchAll(/CREATE TABLE IF NOT EXISTS `test-project\.nba_app\.(\w+)`/g),
      ].map((m) => m[1]),
      OWNED_TABLES.map((t) => t.name),
    );
    assert.ok(ddl[0]?.includes('OPTIONS (require_partition_filter = TRUE)'));
    const alters = stand
      .requestsTo('insertJob')
      .filter((r) => JSON.stringify(r.body).includes('ALTER TABLE'));
    assert.equal(alters.length, 0, 'an up-to-date schema gets no ALTER');
  });

  it('answers GraphQL through the BigQuery client', async () => {
    const before = stand.requestsTo('insertJob').length;
    const data = await app.ok<{ batches: unknown[] }>('{ batches(gameDate: "2026-01-30") { id } }');
    assert.deepEqual(data.batches, []);
    const jobs = stand.requestsTo('insertJob').slice(before);
    assert.ok(jobs.length > 0, 'the query ran as a BigQuery job');
    for (const job of jobs) {
      const body = job.body as {
        jobReference: { location: string };
        configuration: { labels: Record<string, string> };
      };
      assert.equal(body.jobReference.location, 'EU');
      assert.equal(body.configuration.labels.service, 'prediction-coordinator');
    }
  });

  it("answers /readyz from the dataset's metadata: ten probes, no query job", async () => {
    const base = app.url.replace(/\/graphql$/, '');
    const jobs = stand.requestsTo('insertJob').length;
    const datasets = stand.requestsTo('getDataset').length;
    for (let i = 0; i < 10; i++) assert.equal((await fetch(`${base}/readyz`)).status, 200);
    assert.equal(stand.requestsTo('insertJob').length, jobs, 'no query job, no bill');
    assert.equal(stand.requestsTo('getDataset').length - datasets, 10);
  });
});
