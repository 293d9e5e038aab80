import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BigQueryClient } from '../../src/warehouse/adapters/bigquery/bigquery.client';
import { SqlBuilder } from '../../src/warehouse/sql/sql-builder';
import type { Statement } from '../../src/warehouse/sql/statement';
import { BATCH_EVENTS_TABLE, LOCKS_TABLE } from '../../src/warehouse/tables';
import { WarehouseError, type TransactionStep } from '../../src/warehouse/warehouse-client';
import { BigQueryRestStandIn } from './rest-stand-in';

const stand = new BigQueryRestStandIn();
let endpoint = '';

function client(): BigQueryClient {
  return new BigQueryClient({
    projectId: 'test-project',
    datasetId: 'nba_test',
    location: 'EU',
    apiEndpoint: endpoint,
    maxBytesBilled: 12_345,
    retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

interface InsertedJob {
  jobReference: { projectId: string; jobId: string; location: string };
  configuration: {
    labels?: Record<string, string>;
    query: {
      query: string;
      useLegacySql: boolean;
      parameterMode?: string;
      maximumBytesBilled?: string;
      queryParameters?: { name: string; parameterType: unknown; parameterValue: unknown }[];
    };
  };
}

function insertedJobs(): InsertedJob[] {
  return stand.requestsTo('insertJob').map((r) => r.body as unknown as InsertedJob);
}

function onlyJob(): InsertedJob {
  const jobs = insertedJobs();
  assert.equal(jobs.length, 1, 'one job inserted');
  return jobs[0] as InsertedJob;
}

function mergeLike(attempt?: string): Statement {
  const sql = new SqlBuilder(client().dialect);
  return sql.build(
    `UPDATE ${sql.table('consolidation_leases')} SET owner = ${sql.param('me', 'STRING')} WHERE game_date = ${sql.param('2026-01-30', 'DATE')}`,
    {
      job: {
        operation: 'merge',
        batchId: 'b20260130_1',
        gameDate: '2026-01-30',
        ...(attempt ? { attempt } : {}),
      },
      costly: true,
    },
  );
}

describe('BigQuery client against a local REST stand-in', () => {
  before(async () => {
    endpoint = await stand.start();
  });
  after(async () => {
    await stand.stop();
  });
  beforeEach(() => stand.reset());

  it('sends named parameters with explicit types (NULLs and arrays included), the location and labels', async () => {
    const sql = new SqlBuilder(client().dialect);
    const statement = sql.build(
      `SELECT 1 FROM ${sql.table('player_prop_predictions')} WHERE game_date = ${sql.param('2026-01-30', 'DATE')}
AND a = ${sql.param('x', 'STRING')} AND b = ${sql.param(null, { kind: 'NUMERIC', precision: 5, scale: 1 })}
AND c = ${sql.param('2026-01-30T15:00:00.000Z', 'TIMESTAMP')} AND d = ${sql.param(7, 'INT64')}
AND e = ${sql.param(true, 'BOOL')} AND f = ${sql.param('{"k":1}', 'JSON')} AND g IN UNNEST(${sql.param(['p1', 'p2'], 'STRING', true)})
AND h IN UNNEST(${sql.param(null, 'STRING', true)}) AND i = ${sql.param(25.5, { kind: 'NUMERIC', precision: 5, scale: 1 })}`,
      { job: { operation: 'Probe Query', batchId: 'b20260130_1', gameDate: '2026-01-30' } },
    );
    await client().query(statement);
    const job = onlyJob();
    assert.equal(job.jobReference.location, 'EU');
    assert.equal(job.jobReference.projectId, 'test-project');
    assert.equal(job.configuration.query.useLegacySql, false);
    assert.equal(job.configuration.query.parameterMode, 'NAMED');
    assert.equal(
      job.configuration.query.maximumBytesBilled,
      undefined,
      'only costly statements carry a byte cap',
    );
    assert.deepEqual(job.configuration.query.queryParameters, [
      { name: 'p0', parameterType: { type: 'DATE' }, parameterValue: { value: '2026-01-30' } },
      { name: 'p1', parameterType: { type: 'STRING' }, parameterValue: { value: 'x' } },
      { name: 'p2', parameterType: { type: 'NUMERIC' }, parameterValue: {} },
      {
        name: 'p3',
        parameterType: { type: 'TIMESTAMP' },
        parameterValue: { value: '2026-01-30T15:00:00.000Z' },
      },
      { name: 'p4', parameterType: { type: 'INT64' }, parameterValue: { value: '7' } },
      { name: 'p5', parameterType: { type: 'BOOL' }, parameterValue: { value: 'true' } },
      { name: 'p6', parameterType: { type: 'JSON' }, parameterValue: { value: '{"k":1}' } },
      {
        name: 'p7',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: { arrayValues: [{ value: 'p1' }, { value: 'p2' }] },
      },
      {
        name: 'p8',
        parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
        parameterValue: { arrayValues: [] },
      },
      { name: 'p9', parameterType: { type: 'NUMERIC' }, parameterValue: { value: '25.5' } },
    ]);
    assert.deepEqual(job.configuration.labels, {
      service: 'prediction-coordinator',
      operation: 'probe_query',
      batch_id: 'b20260130_1',
      game_date: '2026-01-30',
    });
    assert.match(
      job.jobReference.jobId,
      /^coord_Probe_Query_b20260130_1_once_[0-9a-f]{16}_[0-9a-f]{8}$/,
    );
    const results = stand.requestsTo('getQueryResults');
    assert.equal(results[0]?.query.get('location'), 'EU');
    assert.equal(results[0]?.query.get('formatOptions.useInt64Timestamp'), 'true');
  });

  it('never sends Google credentials to a stand-in on this machine', async () => {
    await client().query(mergeLike());
    for (const request of stand.requests)
      assert.equal(request.headers.authorization, 'Bearer local-stand-in');
  });

  it('puts maximumBytesBilled on costly statements', async () => {
    await client().execute(mergeLike('run1'));
    assert.equal(onlyJob().configuration.query.maximumBytesBilled, '12345');
  });

  it('normalizes rows: DATE text, TIMESTAMP ISO UTC, NUMERIC and INT64 numbers, JSON text, arrays', async () => {
    stand.answerWith(() => ({
      fields: [
        { name: 'game_date', type: 'DATE' },
        { name: 'occurred_at', type: 'TIMESTAMP' },
        { name: 'points', type: 'NUMERIC' },
        { name: 'count', type: 'INTEGER' },
        { name: 'score', type: 'FLOAT' },
        { name: 'active', type: 'BOOLEAN' },
        { name: 'payload', type: 'JSON' },
        { name: 'issues', type: 'STRING', mode: 'REPEATED' },
        { name: 'none', type: 'STRING' },
        { name: 'empty', type: 'STRING', mode: 'REPEATED' },
      ],
      rows: [
        [
          '2026-01-30',
          '1769785200123456',
          '25.5',
          '12',
          '0.25',
          'true',
          '{"a":1}',
          [{ v: 'x' }, { v: 'y' }],
          null,
          [],
        ],
      ],
    }));
    const rows = await client().query(mergeLike());
    assert.deepEqual(rows, [
      {
        game_date: '2026-01-30',
        occurred_at: '2026-01-30T15:00:00.123Z',
        points: 25.5,
        count: 12,
        score: 0.25,
        active: true,
        payload: '{"a":1}',
        issues: ['x', 'y'],
        none: null,
        empty: [],
      },
    ]);
  });

  it('returns the rows a DML statement changed', async () => {
    stand.answerWith(() => ({ numDmlAffectedRows: 3 }));
    assert.equal(await client().execute(mergeLike('run1')), 3);
  });

  it('retries a failed job insert (503) with the same job id, and the work runs once', async () => {
    stand.failNext('insertJob', 503, 'backendError', 'Service unavailable');
    stand.answerWith(() => ({ numDmlAffectedRows: 2 }));
    assert.equal(await client().execute(mergeLike('run1')), 2);
    const ids = insertedJobs().map((j) => j.jobReference.jobId);
    assert.equal(ids.length, 2);
    assert.equal(ids[0], ids[1], 'the retry names the same job');
    assert.equal(stand.executions, 1);
  });

  it('on 409 Already Exists, awaits the existing job instead of running the work twice', async () => {
    const statement = mergeLike('run7');
    stand.answerWith(() => ({ numDmlAffectedRows: 5 }));
    assert.equal(await client().execute(statement), 5);
    // A retried call (another process, same operation, batch and attempt) finds its job.
    stand.answerWith(() => ({ numDmlAffectedRows: 999 }));
    assert.equal(await client().execute(statement), 5, 'the result of the job that already ran');
    const ids = insertedJobs().map((j) => j.jobReference.jobId);
    assert.equal(ids[0], ids[1]);
    assert.match(ids[0] ?? '', /^coord_merge_b20260130_1_arun7_[0-9a-f]{16}$/);
    assert.equal(stand.executions, 1);
    assert.equal(stand.requestsTo('getQueryResults').length, 2);
  });

  it('finds a job started by an earlier process (preloaded) by its deterministic id', async () => {
    const statement = mergeLike('run9');
    stand.answerWith(() => ({ numDmlAffectedRows: 1 }));
    await client().execute(statement);
    const id = insertedJobs()[0]?.jobReference.jobId ?? '';
    stand.reset();
    stand.preloadJob(id, { numDmlAffectedRows: 4 });
    assert.equal(await client().execute(statement), 4);
    assert.equal(stand.executions, 0);
  });

  it('one-off statements (no attempt) get a fresh job id on every call', async () => {
    await client().query(mergeLike());
    await client().query(mergeLike());
    const [first, second] = insertedJobs().map((j) => j.jobReference.jobId);
    assert.notEqual(first, second, 'a later identical read must not reuse an old result');
  });

  it('retries rate limits (403 rateLimitExceeded, 429) with backoff', async () => {
    stand.failNext('insertJob', 403, 'rateLimitExceeded', 'Exceeded rate limits');
    stand.failNext('insertJob', 429, 'rateLimitExceeded', 'Too many requests');
    stand.answerWith(() => ({ numDmlAffectedRows: 1 }));
    assert.equal(await client().execute(mergeLike('run1')), 1);
    assert.equal(insertedJobs().length, 3);
    assert.equal(new Set(insertedJobs().map((j) => j.jobReference.jobId)).size, 1);
  });

  it('re-runs a job that failed on a concurrent update, under a new job id', async () => {
    let calls = 0;
    stand.answerWith(() =>
      calls++ === 0
        ? {
            error: {
              reason: 'invalidQuery',
              message:
                'Could not serialize access to table nba_test.consolidation_leases due to concurrent update',
            },
          }
        : { numDmlAffectedRows: 1 },
    );
    assert.equal(await client().execute(mergeLike('run1')), 1);
    const ids = insertedJobs().map((j) => j.jobReference.jobId);
    assert.equal(ids.length, 2);
    assert.equal(ids[1], `${ids[0]}_r1`);
    assert.equal(stand.executions, 2);
    assert.equal(
      stand.requestsTo('getJob')[0]?.query.get('location'),
      'EU',
      'the failed job was looked up in its location',
    );
  });

  it('lists tables by prefix through the tables API, with their columns as GoogleSQL spells them, and runs no job', async () => {
    const table = (id: string, created: string, fields: unknown[]) =>
      stand.tables.set(id, {
        kind: 'bigquery#table',
        id: `test-project:nba_test.${id}`,
        tableReference: { projectId: 'test-project', datasetId: 'nba_test', tableId: id },
        creationTime: created,
        schema: { fields },
      });
    table('_staging_b20260130_1_ann', '1769785200000', [
      { name: 'prediction_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'similar_games_count', type: 'INTEGER' },
      { name: 'predicted_points', type: 'NUMERIC', precision: '5', scale: '1' },
      { name: 'completeness_percentage', type: 'FLOAT' },
      { name: 'is_active', type: 'BOOLEAN' },
      { name: 'data_quality_issues', type: 'STRING', mode: 'REPEATED' },
    ]);
    table('_staging_b20260130_1_bob', '1769785260000', []);
    table('batch_events', '1769700000000', []);
    table('player_prop_predictions', '1769700000000', []);
    const tables = await client().tablesWithPrefix('_staging_');
    assert.deepEqual(
      tables.map((t) => [t.name, t.createdAt, t.version]),
      [
        ['_staging_b20260130_1_ann', '2026-01-30T15:00:00.000Z', '1769785200000'],
        ['_staging_b20260130_1_bob', '2026-01-30T15:01:00.000Z', '1769785260000'],
      ],
    );
    assert.deepEqual(tables[0]?.columns, [
      { name: 'prediction_id', dataType: 'STRING' },
      { name: 'similar_games_count', dataType: 'INT64' },
      { name: 'predicted_points', dataType: 'NUMERIC(5, 1)' },
      { name: 'completeness_percentage', dataType: 'FLOAT64' },
      { name: 'is_active', dataType: 'BOOL' },
      { name: 'data_quality_issues', dataType: 'ARRAY<STRING>' },
    ]);
    assert.equal(stand.requestsTo('listTables').length, 2, 'every page of tables.list was read');
    assert.equal(stand.requestsTo('getTable').length, 2, 'tables.get only for the matching ones');
    assert.equal(insertedJobs().length, 0, 'no query job');
  });

  describe('a transaction', () => {
    const steps = (): TransactionStep[] => [
      { kind: 'write', statement: mergeLike(), expectChanged: 'some', check: 'lease' },
      { kind: 'write', statement: mergeLike(), expectChanged: 3, check: 'merge_count' },
    ];
    const job = {
      operation: 'merge',
      batchId: 'b20260130_1',
      gameDate: '2026-01-30',
      attempt: 'r1',
    };

    it('is one script job: BEGIN, each step with its check, COMMIT, parameters renamed per step', async () => {
      stand.answerWith(() => ({}));
      await client().transaction(steps(), job);
      const sent = onlyJob().configuration.query;
      const lines = sent.query.split('\n');
      assert.equal(lines[0], 'BEGIN TRANSACTION;');
      assert.equal(lines.at(-1), 'COMMIT TRANSACTION;');
      assert.match(
        sent.query,
        /SET owner = @s0_p0 WHERE game_date = @s0_p1;\nIF @@row_count = 0 THEN RAISE/,
      );
      assert.match(
        sent.query,
        /SET owner = @s1_p0 WHERE game_date = @s1_p1;\nIF @@row_count <> 3 THEN RAISE/,
      );
      assert.deepEqual(
        sent.queryParameters?.map((p) => p.name),
        ['s0_p0', 's0_p1', 's1_p0', 's1_p1'],
      );
      assert.equal(sent.maximumBytesBilled, '12345', 'costly steps make the script costly');
    });

    it('comes back as check_failed naming the check when a check RAISEs, and is not retried', async () => {
      stand.answerWith(() => ({
        error: {
          reason: 'invalidQuery',
          message:
            'coordinator check failed: lease: changed 0 row(s) where at least 1 were expected at [5:24]',
        },
      }));
      await assert.rejects(
        client().transaction(steps(), job),
        (error: unknown) =>
          error instanceof WarehouseError &&
          error.kind === 'check_failed' &&
          error.check === 'lease' &&
          error.operation === 'merge' &&
          /changed 0 row\(s\)/.test(error.message),
      );
      assert.equal(insertedJobs().length, 1);
    });

    it('runs again as a new job when a concurrent transaction aborted it', async () => {
      let calls = 0;
      stand.answerWith(() =>
        calls++ === 0
          ? {
              error: {
                reason: 'invalidQuery',
                message:
                  'Transaction is aborted due to concurrent update against table test-project:nba_test.player_prop_predictions',
              },
            }
          : {},
      );
      await client().transaction(steps(), job);
      const ids = insertedJobs().map((j) => j.jobReference.jobId);
      assert.deepEqual(ids.slice(1), [`${ids[0]}_r1`]);
    });
  });

  it('retries 5xx while reading results, then finds the job again', async () => {
    stand.failNext('getQueryResults', 500, 'backendError', 'Backend error');
    stand.answerWith(() => ({ numDmlAffectedRows: 6 }));
    assert.equal(await client().execute(mergeLike('run1')), 6);
    assert.equal(stand.executions, 1);
  });

  it('reports a job that failed at insert time without looking it up again', async () => {
    stand.answerWith(() => ({
      error: { reason: 'invalidQuery', message: 'Syntax error: Unexpected end of script' },
      failAtInsert: true,
    }));
    await assert.rejects(client().execute(mergeLike('run1')), /Syntax error/);
    assert.equal(insertedJobs().length, 1);
    assert.equal(stand.requestsTo('getQueryResults').length, 0);
  });

  it('does not retry an invalid query and says why', async () => {
    stand.answerWith(() => ({
      error: { reason: 'invalidQuery', message: 'Unrecognized name: nope at [1:8]' },
    }));
    await assert.rejects(client().query(mergeLike('run1')), (error: unknown) => {
      assert.ok(error instanceof WarehouseError);
      assert.equal(error.kind, 'invalid');
      assert.equal(error.operation, 'merge');
      assert.match(error.message, /Unrecognized name/);
      return true;
    });
    assert.equal(insertedJobs().length, 1);
  });

  it('gives up after the configured attempts with the last kind', async () => {
    for (let i = 0; i < 4; i++)
      stand.failNext('insertJob', 503, 'backendError', 'Service unavailable');
    await assert.rejects(client().query(mergeLike('run1')), (error: unknown) => {
      assert.ok(error instanceof WarehouseError);
      assert.equal(error.kind, 'unavailable');
      return true;
    });
    assert.equal(insertedJobs().length, 4);
  });

  it('streams the event log with insertAll, insertId = event id, retried with the same ids', async () => {
    stand.failNext('insertAll', 503, 'backendError', 'Service unavailable');
    const written = await client().appendRows(BATCH_EVENTS_TABLE, [
      {
        event_id: 'b20260130_1:started',
        batch_id: 'b20260130_1',
        game_date: '2026-01-30',
        event_type: 'BATCH_STARTED',
        player_lookup: null,
        predictions_count: 12,
        run_id: null,
        payload: '{"players":["a"]}',
        occurred_at: '2026-01-30T15:00:00.000Z',
        principal: 'api-key:0123456789ab',
      },
    ]);
    assert.equal(written, 1);
    const posts = stand.requestsTo('insertAll');
    assert.equal(posts.length, 2);
    assert.equal(
      posts[0]?.path,
      '/bigquery/v2/projects/test-project/datasets/nba_test/tables/batch_events/insertAll',
    );
    for (const post of posts) {
      assert.deepEqual(post.body.rows, [
        {
          insertId: 'b20260130_1:started',
          json: {
            event_id: 'b20260130_1:started',
            batch_id: 'b20260130_1',
            game_date: '2026-01-30',
            event_type: 'BATCH_STARTED',
            player_lookup: null,
            predictions_count: '12',
            run_id: null,
            payload: '{"players":["a"]}',
            occurred_at: '2026-01-30T15:00:00.000Z',
            principal: 'api-key:0123456789ab',
          },
        },
      ]);
      assert.equal(post.body.skipInvalidRows, false, 'an invalid row fails the whole request');
    }
    assert.equal(insertedJobs().length, 0, 'no DML on the event log');
  });

  it('appends to other tables with one INSERT that skips existing keys, rows in one JSON parameter', async () => {
    stand.answerWith(() => ({ numDmlAffectedRows: 1 }));
    const rows = [
      {
        game_date: '2026-01-30',
        owner: 'me',
        acquired_at: '2026-01-30T15:00:00.000Z',
        expires_at: '2026-01-30T15:02:00.000Z',
      },
    ];
    const keyed = { ...LOCKS_TABLE, primaryKey: ['game_date'] };
    assert.equal(await client().appendRows(keyed, rows), 1);
    const job = onlyJob();
    assert.match(
      job.configuration.query.query,
      /^INSERT INTO `test-project\.nba_test\.consolidation_leases`/,
    );
    assert.match(job.configuration.query.query, /WHERE NOT EXISTS/);
    const [param] = job.configuration.query.queryParameters ?? [];
    assert.deepEqual(param?.parameterType, { type: 'JSON' });
    assert.deepEqual(JSON.parse((param?.parameterValue as { value: string }).value), [
      {
        game_date: '2026-01-30',
        owner: 'me',
        acquired_at: '1769785200000000',
        expires_at: '1769785320000000',
      },
    ]);
  });

  it('replaces a staging table with one CREATE OR REPLACE statement labelled with its batch', async () => {
    const table = { name: '_staging_b20260130_1_lebron', columns: LOCKS_TABLE.columns };
    assert.equal(await client().replaceTable(table, []), 0);
    const job = onlyJob();
    assert.match(
      job.configuration.query.query,
      /^CREATE OR REPLACE TABLE `test-project\.nba_test\._staging_b20260130_1_lebron` AS/,
    );
    assert.equal(job.configuration.labels?.batch_id, 'b20260130_1');
  });

  it('creates the dataset in the configured location when it is missing, and accepts it when present', async () => {
    await client().ensureDatabase();
    const [create] = stand.requestsTo('insertDataset');
    assert.deepEqual(create?.body, { location: 'EU', datasetReference: { datasetId: 'nba_test' } });
    await client().ensureDatabase();
    assert.equal(stand.requestsTo('insertDataset').length, 1, 'idempotent');
  });

  it('refuses a dataset that lives in another location, naming both', async () => {
    stand.datasets.set('nba_test', { id: 'nba_test', location: 'US' });
    await assert.rejects(
      client().ensureDatabase(),
      /nba_test is in US but BIGQUERY_LOCATION is EU/,
    );
  });
});
