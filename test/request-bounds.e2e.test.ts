import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { somePredictions } from './support/builders';
import { STAGE, START } from './support/consolidation-api';
import { codes, startTestApp, type GraphqlResponse, type TestApp } from './support/test-app';

const KEY = 'k-request-bounds-0123456789abcdef0123';
const DATE = '2026-01-30';

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: GraphqlResponse;
  readonly ms: number;
}

/** JSON text of a value nested `depth` levels deep (JSON.stringify itself would overflow). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A body whose `"__HOLE__"` string is replaced by raw JSON text. */
function withHole(body: unknown, raw: string): string {
  return JSON.stringify(body).replace('"__HOLE__"', raw);
}

describe('the work one authenticated request can cause is bounded', () => {
  let t: TestApp;
  let batchId: string;

  async function post(body: string): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      body: JSON.parse(text) as GraphqlResponse,
      ms: performance.now() - started,
    };
  }

  function assertRefusedPlainly(answer: Answer, message: RegExp): void {
    assert.equal(answer.status, 400, answer.text.slice(0, 300));
    assert.deepEqual(codes(answer.body), ['BAD_USER_INPUT'], answer.text.slice(0, 300));
    assert.match(answer.body.errors?.[0]?.message ?? '', message);
    assert.doesNotMatch(answer.text, /call stack|RangeError|stacktrace/i);
  }

  before(async () => {
    t = await startTestApp({ env: { API_KEYS: KEY } });
    const started = await post(
      JSON.stringify({ query: START, variables: { input: { gameDate: DATE, players: ['ann'] } } }),
    );
    batchId = (started.body.data as { startBatch: { batch: { id: string } } }).startBatch.batch.id;
  });
  after(async () => t.close());

  it('refuses a variable nested 10,000 levels deep, even unused, with a fixed message (it answered 500)', async () => {
    const answer = await post(
      withHole({ query: '{ __typename }', variables: { unused: '__HOLE__' } }, nestedJson(10_000)),
    );
    assertRefusedPlainly(answer, /^Variables may be nested at most 32 levels deep$/);
  });

  it('refuses a keyFactors value 5,000 levels deep the same way, staging nothing', async () => {
    const [row] = somePredictions('ann', 1, { gameDate: DATE });
    const body = withHole(
      {
        query: STAGE,
        variables: {
          input: {
            batchId,
            playerLookup: 'ann',
            predictions: [{ ...row, keyFactors: '__HOLE__' }],
          },
        },
      },
      nestedJson(5_000),
    );
    assertRefusedPlainly(await post(body), /^Variables may be nested at most 32 levels deep$/);
  });

  it('refuses a keyFactors literal nested past 16 levels as a field problem', async () => {
    const [row] = somePredictions('ann', 1, { gameDate: DATE });
    const deep = `${'{ a: '.repeat(20)}1${' }'.repeat(20)}`;
    const fields = Object.entries({ ...row, keyFactors: undefined })
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(', ');
    const query = `mutation { stagePredictions(input: { batchId: "${batchId}", playerLookup: "ann", predictions: [{ ${fields}, keyFactors: ${deep} }] }) { rowsStaged } }`;
    const answer = await post(JSON.stringify({ query }));
    assert.deepEqual(codes(answer.body), ['BAD_USER_INPUT'], answer.text.slice(0, 300));
    assert.match(answer.text, /predictions\[0\]\.keyFactors must be nested at most 16 levels deep/);
  });

  it('refuses 1.7 million rows in a 5 MB body at once, without coercing them (took seconds)', async () => {
    const rows = Math.floor((5 * 1024 * 1024 - 400) / 3);
    const body = withHole(
      {
        query: STAGE,
        variables: { input: { batchId, playerLookup: 'ann', predictions: '__HOLE__' } },
      },
      `[${new Array<string>(rows).fill('{}').join(',')}]`,
    );
    const answer = await post(body);
    assertRefusedPlainly(answer, /^The request holds more than 64000 objects and lists$/);
  });

  it('refuses 5,000 rows with one unknown field for the row limit, not by validating and listing every row', async () => {
    const predictions = somePredictions('ann', 5_000, { gameDate: DATE });
    predictions[0] = { ...predictions[0], nope: 1 };
    const answer = await post(
      JSON.stringify({
        query: STAGE,
        variables: { input: { batchId, playerLookup: 'ann', predictions } },
      }),
    );
    assert.deepEqual(codes(answer.body), ['BAD_USER_INPUT'], answer.text.slice(0, 300));
    assert.match(
      answer.body.errors?.[0]?.message ?? '',
      /^predictions lists 5000 rows; at most 1000 per call$/,
    );
    assert.ok(answer.text.length < 2_000, `a short answer, got ${answer.text.length} characters`);
  });

  it('lists at most 200 problems of 1,000 bad rows, and says there are more', async () => {
    const predictions: Record<string, unknown>[] = somePredictions('ann', 1_000, {
      gameDate: DATE,
    }).map((row) => ({ ...row, predictedPoints: 1e9 }));
    predictions[0] = { ...predictions[0], nope: 1 };
    const answer = await post(
      JSON.stringify({
        query: STAGE,
        variables: { input: { batchId, playerLookup: 'ann', predictions } },
      }),
    );
    assert.deepEqual(codes(answer.body), ['BAD_USER_INPUT'], answer.text.slice(0, 300));
    assert.match(
      answer.body.errors?.[0]?.message ?? '',
      /^more than 200 invalid field\(s\); nothing was staged/,
    );
    const fields = answer.body.errors?.[0]?.extensions?.fields as unknown[];
    assert.equal(fields.length, 200);
  });
});
