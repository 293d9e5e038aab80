import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INPUT_COLUMNS, camelCase } from '../src/predictions/prediction-columns';
import { PREDICTIONS_TABLE } from '../src/warehouse/tables/predictions.table';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { isNumeric, type ColumnDefinition } from '../src/warehouse/table-definition';
import { GAME_DATE, somePlayers, somePredictions } from './support/builders';
import { codes, startTestApp, type GraphqlResponse, type TestApp } from './support/test-app';

const START = `mutation($input: StartBatchInput!) { startBatch(input: $input) { batch { id expectedPlayers } } }`;
const STAGE = `mutation($input: StagePredictionsInput!) { stagePredictions(input: $input) { rowsStaged } }`;
const PRODUCTION_KEY = 'k-graphql-limits-0123456789abcdef0123';
const DEEP = `mutation { checkStalledBatches { results { batch { completions { playerLookup } } } } }`;

interface HttpAnswer {
  status: number;
  text: string;
  json?: GraphqlResponse;
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<HttpAnswer> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, json: parse(text) };
}

async function get(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, text, json: parse(text) };
}

function parse(text: string): GraphqlResponse | undefined {
  try {
    return JSON.parse(text) as GraphqlResponse;
  } catch {
    return undefined;
  }
}

/** Nothing in a response a client could learn the internals from. */
function assertNothingLeaks(text: string): void {
  assert.doesNotMatch(
    text,
    /stacktrace|\bat [\w.<>]+ \(|node_modules|\.js:\d+|\.ts:\d+/i,
    `stack in: ${text.slice(0, 500)}`,
  );
  assert.doesNotMatch(
    text,
    /\b(SELECT|INSERT|DROP|MERGE|FROM)\b|batch_events|Catalog Error|Binder Error|duckdb/,
    `SQL or driver text in: ${text.slice(0, 500)}`,
  );
}

/** A prediction with every worker column filled, as a real worker sends it. */
function aFullPrediction(player: string, index: number): Record<string, unknown> {
  const value = (column: ColumnDefinition): unknown => {
    if (column.name === 'prediction_id') return `${player}-catboost_v9-${index}`;
    if (column.name === 'player_lookup') return player;
    if (column.name === 'game_date') return GAME_DATE;
    if (column.name === 'current_points_line') return 10 + index * 0.5;
    if (column.mode === 'REPEATED') return ['thin sample', 'stale line'];
    // Exact at every column's scale: a finer value is refused, never rounded.
    if (isNumeric(column.type)) return 12.5;
    switch (column.type) {
      case 'STRING':
        return 'catboost_v9_2026_01_28_a1b2c3d';
      case 'INT64':
        return 12;
      case 'FLOAT64':
        return 97.5;
      case 'BOOL':
        return true;
      case 'DATE':
        return GAME_DATE;
      case 'TIMESTAMP':
        return '2026-01-30T14:59:12.123Z';
      case 'JSON':
        return { pace: 'fast', rest_days: 2, opponent_def_rating: 112.4 };
    }
  };
  return Object.fromEntries(INPUT_COLUMNS.map((c) => [camelCase(c.name), value(c)]));
}

describe('what may be asked, with the default limits', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('stages 1,000 fully populated predictions in one request (about 2.2 MB of JSON)', async () => {
    const { data } = await t.gql<{ startBatch: { batch: { id: string } } }>(START, {
      input: { gameDate: GAME_DATE, players: ['giannis'] },
    });
    const predictions = Array.from({ length: 1000 }, (_, i) => aFullPrediction('giannis', i));
    const body = JSON.stringify({
      query: STAGE,
      variables: {
        input: { batchId: data?.startBatch.batch.id, playerLookup: 'giannis', predictions },
      },
    });
    assert.ok(body.length > 2_000_000, `the body is ${body.length} bytes`);
    const answer = await post(t.url, body);
    assert.equal(answer.status, 200, answer.text.slice(0, 300));
    assert.deepEqual(answer.json?.data, { stagePredictions: { rowsStaged: 1000 } });
  });

  it('refuses a body over MAX_REQUEST_BODY_KB (5 MB) with 413, before any parsing, without a stack', async () => {
    const filler = 'x'.repeat(5_121 * 1024);
    const answer = await post(
      t.url,
      JSON.stringify({ query: '{ __typename }', variables: { filler } }),
    );
    assert.equal(answer.status, 413);
    assertNothingLeaks(answer.text);
  });

  it('refuses more players than MAX_PLAYERS_PER_BATCH and more rows than MAX_PREDICTIONS_PER_STAGE', async () => {
    const players = await t.gql(START, {
      input: { gameDate: '2026-01-31', players: somePlayers(10_001) },
    });
    assert.deepEqual(codes(players), ['BAD_USER_INPUT']);
    assert.match(players.errors?.[0]?.message ?? '', /10001 players; at most 10000/);
    const { data } = await t.gql<{ startBatch: { batch: { id: string } } }>(START, {
      input: { gameDate: '2026-02-01', players: ['ann'] },
    });
    const rows = await t.gql(STAGE, {
      input: {
        batchId: data?.startBatch.batch.id,
        playerLookup: 'ann',
        predictions: somePredictions('ann', 1001, { gameDate: '2026-02-01' }),
      },
    });
    assert.deepEqual(codes(rows), ['BAD_USER_INPUT']);
    assert.match(rows.errors?.[0]?.message ?? '', /1001 rows; at most 1000/);
  });

  it('refuses more than 15 aliases and a document of more than 2,000 tokens, with 400 before execution', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: batches(first: 1) { id }`).join(' ')} }`;
    assert.equal((await post(t.url, JSON.stringify({ query: aliases(15) }))).status, 200);
    const tooMany = await post(t.url, JSON.stringify({ query: aliases(16) }));
    assert.equal(tooMany.status, 400);
    assert.deepEqual(codes(tooMany.json ?? {}), ['BAD_USER_INPUT']);
    assert.match(tooMany.text, /Aliases limit of 15 exceeded/);
    const tokens = await post(
      t.url,
      JSON.stringify({ query: `{ ${'__typename '.repeat(2_001)}}` }),
    );
    assert.equal(tokens.status, 400, tokens.text.slice(0, 300));
    assert.deepEqual(codes(tokens.json ?? {}), ['GRAPHQL_PARSE_FAILED']);
    assert.match(tokens.text, /more that 2000 tokens/);
  });

  it('refuses a GET or a simple-content-type POST without a preflight header (CSRF prevention)', async () => {
    const query = encodeURIComponent('{ batches { id } }');
    for (const answer of [
      await get(`${t.url}?query=${query}`),
      await post(t.url, JSON.stringify({ query: '{ batches { id } }' }), {
        'content-type': 'text/plain',
      }),
      await post(t.url, `query=${query}`, { 'content-type': 'application/x-www-form-urlencoded' }),
      await post(t.url, JSON.stringify({ query: '{ batches { id } }' }), {}),
    ]) {
      assert.equal(answer.status, 400, answer.text.slice(0, 300));
      assert.match(answer.text, /Cross-Site Request Forgery/);
    }
    // A client that can set a header (so passed a CORS preflight) may read with GET...
    const read = await get(`${t.url}?query=${query}`, { 'apollo-require-preflight': 'true' });
    assert.equal(read.status, 200, read.text);
    // ...but never write with it.
    const mutation = encodeURIComponent(
      `mutation { startBatch(input: { gameDate: "2026-02-02", players: ["ann"] }) { created } }`,
    );
    const write = await get(`${t.url}?query=${mutation}`, { 'apollo-require-preflight': 'true' });
    assert.equal(write.status, 405);
    const batches = await t.ok<{ batches: unknown[] }>(
      `{ batches(gameDate: "2026-02-02") { id } }`,
    );
    assert.equal(batches.batches.length, 0);
  });

  it('lets the largest legitimate reads through: 1,000 predictions with every column, 500 batches with their runs', async () => {
    const columns = PREDICTIONS_TABLE.columns.map((c) => camelCase(c.name)).join(' ');
    const page = `{ predictions(gameDate: "${GAME_DATE}", first: 1000) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${columns} } } } }`;
    const batches = `{ batches(first: 500) { id gameDate status expectedPlayers completedPlayers pendingPlayers unexpectedPlayers completionPct
      predictionsReported correlationId supersededBy mergedFrom createdAt lastActivityAt isStalled
      completions { playerLookup predictionsCount completedAt }
      consolidations { id batchId gameDate trigger status startedAt finishedAt stagingTables rowsStaged duplicatesDropped rowsInserted rowsUpdated rowsDeactivated error missingPlayers } } }`;
    for (const query of [page, batches]) {
      const answer = await post(t.url, JSON.stringify({ query }));
      assert.equal(answer.status, 200, answer.text.slice(0, 300));
      assert.equal(answer.json?.errors, undefined, answer.text.slice(0, 300));
    }
  });

  it('refuses a variable holding a lone surrogate, which no engine could store, naming where it is', async () => {
    const answer = await post(
      t.url,
      JSON.stringify({
        query: START,
        variables: {
          input: { gameDate: '2026-02-03', players: ['ann'], correlationId: 'x\ud800' },
        },
      }),
    );
    assert.equal(answer.status, 400);
    assert.deepEqual(codes(answer.json ?? {}), ['BAD_USER_INPUT']);
    assert.match(answer.text, /\$\.input\.correlationId is not well-formed Unicode/);
  });

  it('answers introspection outside production (INTROSPECTION unset)', async () => {
    const data = await t.ok<{ __schema: { mutationType: { name: string } } }>(
      `{ __schema { mutationType { name } } }`,
    );
    assert.equal(data.__schema.mutationType.name, 'Mutation');
  });

  it('never shows a stack trace for a syntax or validation error', async () => {
    for (const query of ['{ batches { id ', '{ batches { nope } }', 'mutation { cancelBatch }']) {
      const answer = await post(t.url, JSON.stringify({ query }));
      assert.ok(answer.status < 500, `${query}: ${answer.status} ${answer.text}`);
      assertNothingLeaks(answer.text);
    }
  });
});

describe('what may be asked, with tight limits', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      env: {
        GRAPHQL_MAX_DEPTH: '4',
        GRAPHQL_MAX_COST: '100',
        MAX_REQUEST_BODY_KB: '16',
        INTROSPECTION: 'false',
      },
    });
  });
  after(async () => t.close());

  it('refuses an operation deeper than GRAPHQL_MAX_DEPTH before it runs anything', async () => {
    const answer = await post(t.url, JSON.stringify({ query: DEEP }));
    assert.equal(answer.status, 400);
    assert.deepEqual(codes(answer.json ?? {}), ['BAD_USER_INPUT']);
    assert.match(answer.text, /Query validation error|depth limit/i);
    const shallow = await post(
      t.url,
      JSON.stringify({ query: '{ batches { completions { playerLookup } } }' }),
    );
    assert.equal(shallow.status, 200, shallow.text);
  });

  it('refuses an operation that costs more than GRAPHQL_MAX_COST, page size literal or in a variable', async () => {
    // 1 + 20 batches x 5 fields = 101 > 100; 19 batches cost 96.
    const literal = (n: number) =>
      `{ batches(first: ${n}) { id gameDate status expectedPlayers completedPlayers } }`;
    const variable = `query($n: Int) { batches(first: $n) { id gameDate status expectedPlayers completedPlayers } }`;
    for (const body of [
      { query: literal(20) },
      { query: variable, variables: { n: 20 } },
      { query: variable },
    ]) {
      const answer = await post(t.url, JSON.stringify(body));
      assert.equal(answer.status, 400, answer.text);
      assert.deepEqual(codes(answer.json ?? {}), ['BAD_USER_INPUT']);
      assert.match(answer.text, /Operation cost 101 exceeds the limit of 100/);
    }
    assert.equal((await post(t.url, JSON.stringify({ query: literal(19) }))).status, 200);
    assert.equal(
      (await post(t.url, JSON.stringify({ query: variable, variables: { n: 19 } }))).status,
      200,
    );
  });

  it('refuses a body over MAX_REQUEST_BODY_KB=16 with 413', async () => {
    const answer = await post(
      t.url,
      JSON.stringify({ query: '{ __typename }', variables: { filler: 'x'.repeat(17 * 1024) } }),
    );
    assert.equal(answer.status, 413);
  });

  it('INTROSPECTION=false: no schema, and no field suggestions that would reveal it', async () => {
    const schema = await post(t.url, JSON.stringify({ query: '{ __schema { types { name } } }' }));
    assert.equal(schema.status, 400);
    assert.match(schema.text, /introspection is not allowed/i);
    const typo = await post(t.url, JSON.stringify({ query: '{ batche { id } }' }));
    assert.equal(typo.status, 400);
    assert.doesNotMatch(typo.text, /Did you mean/);
  });
});

describe('introspection in production', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production', API_KEYS: PRODUCTION_KEY } });
  });
  after(async () => t.close());

  it('is off by default, even with a valid key', async () => {
    const answer = await post(t.url, JSON.stringify({ query: '{ __schema { types { name } } }' }), {
      'content-type': 'application/json',
      'x-api-key': PRODUCTION_KEY,
    });
    assert.equal(answer.status, 400);
    assert.match(answer.text, /introspection is not allowed/i);
  });
});

describe('a warehouse failure', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    // The driver's own error, with SQL and table names in it: the event log is gone.
    await t.app.get(WarehouseClient).execute({ sql: 'DROP TABLE batch_events', params: {} });
  });
  after(async () => t.close());

  it('reaches the client as a generic INTERNAL_SERVER_ERROR with a request id, no SQL, stack or driver text', async () => {
    for (const [query, variables] of [
      ['query($id: ID!) { batch(id: $id) { id } }', { id: 'b20260130_1' }],
      [START, { input: { gameDate: GAME_DATE, players: ['ann'] } }],
    ] as const) {
      const answer = await post(t.url, JSON.stringify({ query, variables }));
      assert.ok(answer.status < 500 || answer.status === 500, answer.text);
      const error = answer.json?.errors?.[0];
      assert.equal(error?.extensions?.code, 'INTERNAL_SERVER_ERROR', answer.text);
      assert.equal(error?.message, 'Internal server error');
      assert.ok(error?.extensions?.requestId, `a request id to quote: ${answer.text}`);
      assertNothingLeaks(answer.text);
    }
  });
});
