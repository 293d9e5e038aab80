import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuplicateKeysWatch } from '../src/predictions/duplicate-keys-watch';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePredictions } from './support/builders';
import { consolidationApi } from './support/consolidation-api';
import { injectFaults } from './support/faulty-warehouse';
import { captureLogs } from './support/log-capture';
import { startTestApp, type TestApp } from './support/test-app';

/** The value of one sample of a Prometheus exposition, or undefined when absent. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.length === have.length && wanted.every((l) => have.includes(l)))
      return Number(match[3]);
  }
  return undefined;
}

const CONSOLIDATED_DAY = '2026-03-01';
const OPEN_DAY = '2026-03-02';
const FAILED_DAY = '2026-03-03';

describe('/metrics for Prometheus, after a day of batches', () => {
  let t: TestApp;
  let metrics = '';
  let contentType = '';
  const scrape = async () => {
    const response = await fetch(t.url.replace(/\/graphql$/, '/metrics'));
    assert.equal(response.status, 200);
    contentType = response.headers.get('content-type') ?? '';
    return response.text();
  };

  before(async () => {
    t = await startTestApp();
    const api = consolidationApi(t);
    // A consolidated day: its last completion triggers the run.
    const done = await api.start(CONSOLIDATED_DAY, ['ann', 'bob']);
    for (const player of ['ann', 'bob']) {
      await api.stage(done, player, somePredictions(player, 3, { gameDate: CONSOLIDATED_DAY }));
      await api.complete(done, player, 3);
    }
    await api.waitForStatus(done, 'CONSOLIDATED');
    // An open day, one player of four done.
    const open = await api.start(OPEN_DAY, ['cat', 'dan', 'eve', 'fay']);
    await api.complete(open, 'cat', 0);
    // A day whose operator-run consolidation failed at the MERGE.
    const failing = await api.start(FAILED_DAY, ['gus']);
    await api.stage(failing, 'gus', somePredictions('gus', 2, { gameDate: FAILED_DAY }));
    const faults = injectFaults(t.app.get(WarehouseClient), {
      rate: 1,
      operations: (operation) => operation === 'merge',
      strike: 'before',
    });
    try {
      assert.equal((await api.consolidate(failing)).status, 'FAILED');
    } finally {
      faults.restore();
    }
    metrics = await scrape();
  });
  after(async () => t.close());

  it('is the Prometheus text format', () => {
    assert.match(contentType, /^text\/plain; version=0\.0\.4/);
    assert.match(metrics, /# TYPE coordinator_consolidation_duration_seconds histogram/);
  });

  it('counts consolidation runs by status and trigger, with a duration histogram', () => {
    const runs = (status: string, trigger: string) =>
      sample(metrics, 'coordinator_consolidation_runs_total', { status, trigger });
    assert.equal(runs('SUCCEEDED', 'BATCH_COMPLETE'), 1);
    assert.equal(runs('FAILED', 'MANUAL'), 1);
    const count = (status: string) =>
      sample(metrics, 'coordinator_consolidation_duration_seconds_count', { status });
    assert.equal(count('SUCCEEDED'), 1);
    assert.equal(count('FAILED'), 1);
  });

  it('counts the rows merged by what the MERGE did', () => {
    assert.equal(sample(metrics, 'coordinator_rows_merged_total', { action: 'inserted' }), 6);
    assert.equal(sample(metrics, 'coordinator_rows_merged_total', { action: 'updated' }), 0);
    assert.equal(sample(metrics, 'coordinator_rows_merged_total', { action: 'deactivated' }), 0);
  });

  it('gives batches in play by status and the completion of each open batch', () => {
    const batches = (status: string) => sample(metrics, 'coordinator_batches', { status });
    assert.equal(batches('OPEN'), 1);
    assert.equal(batches('FAILED'), 1);
    assert.equal(batches('CONSOLIDATING'), 0);
    assert.equal(
      sample(metrics, 'coordinator_batch_completion_percent', {
        batch_id: 'b20260302_1',
        game_date: OPEN_DAY,
      }),
      25,
    );
    assert.doesNotMatch(metrics, /coordinator_batch_completion_percent\{batch_id="b20260301_1"/);
  });

  it('times warehouse statements by operation and outcome', () => {
    const merges = sample(metrics, 'coordinator_warehouse_statement_duration_seconds_count', {
      operation: 'merge',
      outcome: 'ok',
    });
    assert.equal(merges, 1);
    const appends = sample(metrics, 'coordinator_warehouse_statement_duration_seconds_count', {
      operation: 'append_batch_events',
      outcome: 'ok',
    });
    assert.ok((appends ?? 0) >= 5, `batch events appended: ${String(appends)}`);
  });

  it('after a run, a date with duplicated business keys is a gauge and a duplicate_keys_found event', async () => {
    // A copy of a merged row, as the predecessor left them (INCIDENTS 5 and 6).
    await t.app.get(WarehouseClient).execute({
      sql: `INSERT INTO player_prop_predictions SELECT * FROM player_prop_predictions
        WHERE game_date = DATE '${CONSOLIDATED_DAY}' AND prediction_id = 'ann-catboost_v9-0'`,
      params: {},
    });
    const logs = captureLogs(t.app);
    try {
      // The watch checks the dates of finished runs 30 s later; here, now.
      await t.app.get(DuplicateKeysWatch).checkPending();
    } finally {
      logs.restore();
    }
    const [event, ...more] = logs.events('duplicate_keys_found');
    assert.deepEqual(more, []);
    assert.equal(event?.level, 'warn');
    assert.equal(event?.fields.gameDate, CONSOLIDATED_DAY);
    assert.equal(event?.fields.duplicateKeys, 1);
    const after = await scrape();
    assert.equal(sample(after, 'coordinator_duplicate_keys', { game_date: CONSOLIDATED_DAY }), 1);
    assert.equal(sample(after, 'coordinator_duplicate_keys', { game_date: FAILED_DAY }), undefined);
  });
});

describe('/metrics asks for a credential when authentication is on', () => {
  const KEY = 'k-metrics-0123456789abcdef0123456789';
  let locked: TestApp;
  let open: TestApp;
  before(async () => {
    locked = await startTestApp({ env: { API_KEYS: KEY } });
    // Queries open to all: the metrics (batch ids, dates, volumes) still are not.
    open = await startTestApp({ env: { API_KEYS: KEY, AUTH_QUERIES: 'false' } });
  });
  after(async () => {
    await locked.close();
    await open.close();
  });
  const scrape = (t: TestApp, headers: Record<string, string> = {}) =>
    fetch(t.url.replace(/\/graphql$/, '/metrics'), { headers });

  it('refuses a scrape without it (401), answers one with it (an API key as a bearer token)', async () => {
    assert.equal((await scrape(locked)).status, 401);
    assert.equal((await scrape(locked, { authorization: `Bearer ${KEY}` })).status, 200);
  });

  it('even when queries are open to all (AUTH_QUERIES=false)', async () => {
    assert.equal((await scrape(open)).status, 401);
    assert.equal((await scrape(open, { 'x-api-key': KEY })).status, 200);
  });
});
