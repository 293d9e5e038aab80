import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { GAME_DATE, somePredictions } from './support/builders';
import { LocalIdTokenIssuer } from './support/id-tokens';
import { codes, FrozenClock, startTestApp, type TestApp } from './support/test-app';

const AUDIENCE = 'https://coordinator.example.run.app';
const SCHEDULER = 'scheduler@nba-props.iam.gserviceaccount.com';
const WORKER_KEY = 'k-worker-5c1e9a7b3d2f4e60';
const OPERATOR_KEY = 'k-operator-9b8a7c6d5e4f3a21';

/** The documented key id: the first 12 hex digits of the key's SHA-256. */
function keyId(key: string): string {
  return `api-key:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

const START = `mutation($input: StartBatchInput!) { startBatch(input: $input) { batch { id } } }`;
const STAGE = `mutation($input: StagePredictionsInput!) { stagePredictions(input: $input) { rowsStaged } }`;
const COMPLETE = `mutation($input: RecordCompletionInput!) { recordCompletion(input: $input) { batchComplete } }`;
const CONSOLIDATE = `mutation($id: ID!) { consolidateBatch(batchId: $id) { id status principal } }`;
const EVENTS = `query($id: ID!) { batchEvents(batchId: $id) { id batchId gameDate type occurredAt principal playerLookup predictionsCount runId payload } }`;
const RUNS = `query($d: Date!) { consolidationRuns(gameDate: $d) { id trigger status principal } }`;

interface EventView {
  id: string;
  type: string;
  principal: string | null;
  playerLookup: string | null;
  predictionsCount: number | null;
  runId: string | null;
  payload: Record<string, unknown> | null;
}

describe('audit trail: who did what to a batch (batchEvents, runs)', () => {
  let t: TestApp;
  const google = new LocalIdTokenIssuer();
  const clock = new FrozenClock();
  const scheduler = () => ({
    authorization: `Bearer ${google.sign({ aud: AUDIENCE, email: SCHEDULER })}`,
  });
  const worker = { 'x-api-key': WORKER_KEY };
  const operator = { authorization: `Bearer ${OPERATOR_KEY}` };

  async function call<T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<T> {
    const response = await t.gql<T>(query, variables, headers);
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.ok(response.data);
    return response.data;
  }

  async function events(batchId: string): Promise<EventView[]> {
    return (await call<{ batchEvents: EventView[] }>(EVENTS, { id: batchId }, operator))
      .batchEvents;
  }

  before(async () => {
    t = await startTestApp({
      clock,
      idTokenKeys: google,
      env: {
        API_KEYS: `${WORKER_KEY},${OPERATOR_KEY}`,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_ALLOWED_EMAILS: SCHEDULER,
        MIN_COMPLETION_PCT: '50',
      },
    });
  });
  after(async () => t.close());

  it('names the scheduler, the worker and the operator on each event and run, never a secret', async () => {
    const started = await call<{ startBatch: { batch: { id: string } } }>(
      START,
      { input: { gameDate: GAME_DATE, players: ['ann', 'bob'] } },
      scheduler(),
    );
    const batchId = started.startBatch.batch.id;
    const rows = somePredictions('ann', 3);
    await call(STAGE, { input: { batchId, playerLookup: 'ann', predictions: rows } }, worker);
    clock.advanceMinutes(1);
    await call(COMPLETE, { input: { batchId, playerLookup: 'ann', predictionsCount: 3 } }, worker);
    clock.advanceMinutes(1);
    // A worker retry with a corrected count: both reports stay in the trail.
    await call(COMPLETE, { input: { batchId, playerLookup: 'ann', predictionsCount: 2 } }, worker);
    clock.advanceMinutes(1);
    const run = await call<{ consolidateBatch: { id: string; status: string; principal: string } }>(
      CONSOLIDATE,
      { id: batchId },
      operator,
    );
    assert.deepEqual(
      { status: run.consolidateBatch.status, principal: run.consolidateBatch.principal },
      { status: 'SUCCEEDED', principal: keyId(OPERATOR_KEY) },
    );

    const trail = await events(batchId);
    assert.deepEqual(
      trail.map((e) => [e.type, e.principal, e.playerLookup, e.predictionsCount]),
      [
        ['BATCH_STARTED', SCHEDULER, null, null],
        ['PLAYER_COMPLETED', keyId(WORKER_KEY), 'ann', 3],
        ['PLAYER_COMPLETED', keyId(WORKER_KEY), 'ann', 2],
        ['CONSOLIDATION_STARTED', keyId(OPERATOR_KEY), null, null],
        ['CONSOLIDATION_SUCCEEDED', keyId(OPERATOR_KEY), null, null],
      ],
    );
    assert.deepEqual(trail[0]?.payload?.players, ['ann', 'bob']);
    assert.equal(trail[3]?.runId, run.consolidateBatch.id);
    assert.equal(trail[4]?.payload?.rowsInserted, 3);

    const runs = await call<{ consolidationRuns: { principal: string }[] }>(
      RUNS,
      { d: GAME_DATE },
      operator,
    );
    assert.deepEqual(
      runs.consolidationRuns.map((r) => r.principal),
      [keyId(OPERATOR_KEY)],
    );
    const everything = JSON.stringify({ trail, runs });
    for (const secret of [WORKER_KEY, OPERATOR_KEY])
      assert.ok(!everything.includes(secret), 'no key is ever recorded');
  });

  it('the cron acts as system:cron', async () => {
    const date = '2026-01-31';
    const started = await call<{ startBatch: { batch: { id: string } } }>(
      START,
      { input: { gameDate: date, players: ['cat', 'dan'] } },
      scheduler(),
    );
    const batchId = started.startBatch.batch.id;
    const rows = somePredictions('cat', 2, { gameDate: date });
    await call(STAGE, { input: { batchId, playerLookup: 'cat', predictions: rows } }, worker);
    await call(COMPLETE, { input: { batchId, playerLookup: 'cat', predictionsCount: 2 } }, worker);
    clock.advanceMinutes(30); // stalled at 50%, which MIN_COMPLETION_PCT=50 consolidates
    assert.equal((await t.app.get(ConsolidationCron).tick()).stalled, 1);
    const runEvents = (await events(batchId)).filter((e) => e.runId !== null);
    assert.deepEqual(
      runEvents.map((e) => [e.type, e.principal, e.payload?.trigger ?? null]),
      [
        ['CONSOLIDATION_STARTED', 'system:cron', 'STALLED_CHECK'],
        ['CONSOLIDATION_SUCCEEDED', 'system:cron', null],
      ],
    );
  });

  it('batchEvents of an unknown batch is NOT_FOUND, of a malformed id BAD_USER_INPUT', async () => {
    assert.deepEqual(codes(await t.gql(EVENTS, { id: 'b20260130_9' }, operator)), ['NOT_FOUND']);
    assert.deepEqual(codes(await t.gql(EVENTS, { id: 'nope' }, operator)), ['BAD_USER_INPUT']);
  });
});

describe('audit trail with authentication off (development)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('records the caller as anonymous', async () => {
    const data = await t.ok<{ startBatch: { batch: { id: string } } }>(START, {
      input: { gameDate: GAME_DATE, players: ['eve'] },
    });
    const trail = await t.ok<{ batchEvents: EventView[] }>(EVENTS, {
      id: data.startBatch.batch.id,
    });
    assert.deepEqual(
      trail.batchEvents.map((e) => [e.type, e.principal]),
      [['BATCH_STARTED', 'anonymous']],
    );
  });
});
