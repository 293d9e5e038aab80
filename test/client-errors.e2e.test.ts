import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { STAGE, START } from './support/consolidation-api';
import { injectFaults, type FaultInjector } from './support/faulty-warehouse';
import { codes, startTestApp, type GraphqlResponse, type TestApp } from './support/test-app';

const KEY = 'k-client-errors-0123456789abcdef012345';
const DATE = '2026-01-30';
const RESTORE = `mutation($asOf: DateTime!, $dry: Boolean) {
  restorePredictions(gameDate: "${DATE}", asOf: $asOf, dryRun: $dry) { dryRun rowsRestored }
}`;

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: GraphqlResponse;
}

describe('client mistakes get a client code, never INTERNAL_SERVER_ERROR', () => {
  let t: TestApp;
  let statements: FaultInjector;

  async function send(payload: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify(payload),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as GraphqlResponse };
  }

  function assertRefused(answer: Answer, code: string, message: RegExp, status = 400): void {
    assert.equal(answer.status, status, answer.text.slice(0, 400));
    assert.deepEqual([...new Set(codes(answer.body))], [code], answer.text.slice(0, 400));
    assert.match(answer.body.errors?.[0]?.message ?? '', message);
  }

  before(async () => {
    t = await startTestApp({ env: { API_KEYS: KEY } });
    await send({ query: START, variables: { input: { gameDate: DATE, players: ['ann'] } } });
    statements = injectFaults(t.app.get(WarehouseClient), { rate: 0 });
  });
  after(async () => {
    statements.restore();
    await t.close();
  });

  it('isStalled(thresholdMinutes: -1) is BAD_USER_INPUT, as a root argument out of range is', async () => {
    const answer = await send({ query: '{ batches { id isStalled(thresholdMinutes: -1) } }' });
    assertRefused(
      answer,
      'BAD_USER_INPUT',
      /thresholdMinutes must be a whole number from 0 to 10080, got -1/,
      200,
    );
  });

  it('an explicit null for an argument with a default is BAD_USER_INPUT, and nothing of the operation runs', async () => {
    const runs = await send({
      query: 'query($f: Int) { consolidationRuns(first: $f) { id } }',
      variables: { f: null },
    });
    assertRefused(
      runs,
      'BAD_USER_INPUT',
      /^Variable "\$f" is null where argument "first" needs a Int!/,
    );
    const page = await send({
      query: `query($a: Boolean) { predictions(gameDate: "${DATE}", activeOnly: $a) { totalCount } }`,
      variables: { a: null },
    });
    assertRefused(
      page,
      'BAD_USER_INPUT',
      /"\$a" is null where argument "activeOnly" needs a Boolean!/,
    );
    const before = statements.statements.length;
    const both = await send({
      query: `mutation($dry: Boolean) {
        start: startBatch(input: { gameDate: "2026-02-02", players: ["ann"] }) { created }
        restore: restorePredictions(gameDate: "${DATE}", asOf: "2026-01-30T18:00:00Z", dryRun: $dry) { dryRun }
      }`,
      variables: { dry: null },
    });
    assertRefused(
      both,
      'BAD_USER_INPUT',
      /"\$dry" is null where argument "dryRun" needs a Boolean!/,
    );
    assert.equal(
      statements.statements.length,
      before,
      'neither field ran: no batch started, nothing restored',
    );
  });

  it('a subscription is GRAPHQL_VALIDATION_FAILED: the service has none', async () => {
    assertRefused(
      await send({ query: 'subscription { batches { id } }' }),
      'GRAPHQL_VALIDATION_FAILED',
      /^This service has no subscription operations$/,
    );
  });

  it('a persisted-query hash that does not match its query is BAD_REQUEST', async () => {
    const answer = await send({
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    assertRefused(answer, 'BAD_REQUEST', /provided sha does not match query/);
  });

  it('more than 50 variable errors are all BAD_USER_INPUT', async () => {
    const answer = await send({
      query: STAGE,
      variables: {
        input: { batchId: 'b20260130_1', playerLookup: 'ann', predictions: new Array(60).fill({}) },
      },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errors?.length, 51);
    assert.deepEqual([...new Set(codes(answer.body))], ['BAD_USER_INPUT']);
    assert.match(answer.body.errors?.at(-1)?.message ?? '', /Too many errors processing variables/);
  });

  it('a body that is not JSON is BAD_REQUEST, answered as GraphQL', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: '{"query": "{ __typename }",',
    });
    const body = (await response.json()) as GraphqlResponse;
    assert.equal(response.status, 400);
    assert.deepEqual(body, {
      errors: [
        { message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
  });

  it('a DateTime that does not exist is BAD_USER_INPUT instead of running as another instant', async () => {
    for (const asOf of ['2026-02-30T00:00Z', '2026-01-30T24:00Z', '0000-01-30T00:00Z']) {
      const viaVariable = await send({ query: RESTORE, variables: { asOf } });
      assertRefused(viaVariable, 'BAD_USER_INPUT', /DateTime must be an existing ISO-8601 instant/);
      const literal = await send({
        query: `mutation { restorePredictions(gameDate: "${DATE}", asOf: "${asOf}") { dryRun } }`,
      });
      assertRefused(literal, 'BAD_USER_INPUT', /DateTime must be an existing ISO-8601 instant/);
    }
  });
});
