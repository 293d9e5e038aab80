import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePredictions } from './support/builders';
import { CHECK_STALLED, consolidationApi } from './support/consolidation-api';
import { injectFaults } from './support/faulty-warehouse';
import { captureLogs, type LogCapture } from './support/log-capture';
import { FrozenClock, startTestApp, type TestApp } from './support/test-app';

/**
 * What an operator must learn within minutes, each as one structured log line with an
 * `event` field that a log-based metric counts (docs/operations.md, "Alerts").
 */
describe('operator events for log-based metrics', () => {
  const clock = new FrozenClock();
  let t: TestApp;
  let logs: LogCapture;

  before(async () => {
    t = await startTestApp({ clock, env: { MAX_CONSOLIDATION_ATTEMPTS: '1' } });
  });
  after(async () => t.close());
  beforeEach(() => (logs = captureLogs(t.app)));
  afterEach(() => logs.restore());

  it('stalled_below_threshold: a stalled batch left open below the completion threshold', async () => {
    const api = consolidationApi(t);
    const batchId = await api.start('2026-04-01', ['ann', 'bob', 'cat', 'dan']);
    await api.complete(batchId, 'ann', 0);
    clock.advanceMinutes(30);
    const checked = await t.ok<{
      checkStalledBatches: { results: { action: string }[] };
    }>(CHECK_STALLED, { t: 10, pct: 90 });
    assert.deepEqual(
      checked.checkStalledBatches.results.map((r) => r.action),
      ['BELOW_THRESHOLD'],
    );
    const [event] = logs.events('stalled_below_threshold');
    assert.equal(event?.level, 'warn');
    assert.deepEqual(
      [event?.fields.batchId, event?.fields.gameDate, event?.fields.completionPct],
      [batchId, '2026-04-01', 25],
    );
    await t.ok(`mutation { cancelBatch(id: "${batchId}") { status } }`);
  });

  it('consolidation_gave_up: a date whose runs failed MAX_CONSOLIDATION_ATTEMPTS times', async () => {
    const api = consolidationApi(t);
    const batchId = await api.start('2026-04-02', ['eve']);
    await api.stage(batchId, 'eve', somePredictions('eve', 2, { gameDate: '2026-04-02' }));
    const faults = injectFaults(t.app.get(WarehouseClient), {
      rate: 1,
      operations: (operation) => operation === 'merge',
      strike: 'before',
    });
    try {
      assert.equal((await api.consolidate(batchId)).status, 'FAILED');
    } finally {
      faults.restore();
    }
    clock.advanceMinutes(10);
    assert.equal(await t.app.get(ConsolidationCron).retryFailed(), 0, 'no retry after the last');
    const [event, ...more] = logs.events('consolidation_gave_up');
    assert.deepEqual(more, []);
    assert.equal(event?.level, 'error');
    assert.equal(event?.fields.batchId, batchId);
    assert.equal(event?.fields.gameDate, '2026-04-02');
    assert.equal(event?.fields.failures, 1);
    assert.match(String(event?.fields.lastError), /warehouse unavailable error in merge/);
  });

  describe('graphql_errors_answered_ok: GraphQL errors in an answer with HTTP 200', () => {
    const SCHEDULER_JOB = 'projects/nba-props/locations/us-central1/jobs/coordinator-check-stalled';
    const bad = JSON.stringify({
      query:
        'mutation { checkStalledBatches(stallThresholdMinutes: 10, minCompletionPct: 150) { batchesChecked } }',
    });
    const post = (body: string, headers: Record<string, string>) =>
      fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });

    it('from Cloud Scheduler (which counts any 2xx as success): a WARNING naming the job and the codes', async () => {
      const answer = await post(bad, {
        'user-agent': 'Google-Cloud-Scheduler',
        'x-cloudscheduler': 'true',
        'x-cloudscheduler-jobname': SCHEDULER_JOB,
      });
      assert.equal(answer.status, 200);
      assert.match(await answer.text(), /BAD_USER_INPUT/);
      const [event, ...more] = logs.events('graphql_errors_answered_ok');
      assert.deepEqual(more, []);
      assert.equal(event?.level, 'warn');
      assert.equal(event?.fields.scheduler, true);
      assert.equal(event?.fields.schedulerJob, SCHEDULER_JOB);
      assert.deepEqual(event?.fields.codes, ['BAD_USER_INPUT']);
      assert.deepEqual(event?.fields.paths, ['checkStalledBatches']);
    });

    it('from another caller: the same event at INFO, scheduler false', async () => {
      assert.equal((await post(bad, { 'user-agent': 'worker/1.0' })).status, 200);
      const [event] = logs.events('graphql_errors_answered_ok');
      assert.equal(event?.level, 'log');
      assert.equal(event?.fields.scheduler, false);
    });

    it('none for an answer without errors, nor for a refusal with an error status', async () => {
      const fine = JSON.stringify({ query: '{ batches(gameDate: "2026-04-09") { id } }' });
      assert.equal((await post(fine, { 'user-agent': 'Google-Cloud-Scheduler' })).status, 200);
      const broken = JSON.stringify({ query: '{ batches(' });
      assert.equal((await post(broken, { 'user-agent': 'Google-Cloud-Scheduler' })).status, 400);
      assert.deepEqual(logs.events('graphql_errors_answered_ok'), []);
    });
  });
});
