import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ConsolidationService } from '../src/consolidation/consolidation.service';
import { camelCase, INPUT_COLUMNS } from '../src/predictions/prediction-columns';
import { BATCH_ID_PATTERN, PLAYER_LOOKUP_PATTERN } from '../src/warehouse/sql/identifiers';
import { STAGED_ROWS_TABLE } from '../src/warehouse/tables';
import { isNumeric } from '../src/warehouse/table-definition';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePlayers, somePredictions } from './support/builders';
import {
  CHECK_STALLED,
  COMPLETE,
  CONSOLIDATE,
  MERGE_FRAGMENTS,
  STAGE,
  START,
} from './support/consolidation-api';
import { injectFaults, type FaultInjector } from './support/faulty-warehouse';
import { generatedRequest, type GeneratedRequest } from './support/operation-catalog';
import { startTestApp, type GraphqlResponse, type TestApp } from './support/test-app';

/** Every property runs with authentication on, as production does. */
const KEY = 'k-mutation-properties-0123456789abcdef';

const CANCEL_BATCH = `mutation($id: ID!) { cancelBatch(id: $id) { id status } }`;
const RESTORE = `mutation($d: Date!, $asOf: DateTime!, $dry: Boolean) {
  restorePredictions(gameDate: $d, asOf: $asOf, dryRun: $dry) { rowsNow rowsAsOf rowsRestored dryRun }
}`;
const REPAIR = `mutation($d: Date!, $dry: Boolean) { repairDuplicates(gameDate: $d, dryRun: $dry) { duplicateKeys rowsDeactivated } }`;

/** What a refusal may say; anything else (INTERNAL_SERVER_ERROR above all) is a bug. */
const REFUSALS = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
]);
/** What a failing warehouse may add: it is busy (retry), or it failed (a generic error). */
const WAREHOUSE_FAILED = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);
const OWN_TABLES = [
  'batch_events',
  'consolidation_leases',
  'player_prop_predictions',
  'prediction_snapshots',
  'maintenance_runs',
  'staged_predictions',
  'canary',
];
const STAGING_TABLE = /^_staging_b\d{8}_\d{1,6}_[a-z0-9_-]{1,64}$/;
const SEED_DATE = '2026-03-01';
const DATES = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-04-10'];
const RUNS = 60;

/** Strings that break naive SQL, JSON, logs or GraphQL: quotes, comments, NUL, unicode. */
const NASTY = [
  "'",
  "''",
  '"',
  '`',
  ';',
  '--',
  '/*',
  '*/',
  '\\',
  "\\'",
  '%',
  '_',
  '?',
  '$1',
  ':p',
  '@p',
  '\u0000',
  'a\u0000b',
  "'; DROP TABLE canary; --",
  '"; DROP TABLE canary; --',
  '`; DROP TABLE canary; --`',
  "x' OR '1'='1",
  "b20260301_1'; DELETE FROM batch_events; --",
  "lebron'); DROP TABLE batch_events;--",
  '/* */ UNION SELECT 1 --',
  '\n',
  '\r\n',
  '\t',
  '\u2028',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '💥',
  '👨‍👩‍👧',
  'é',
  'Åß∂',
  '中文',
  'null',
  'NULL',
  'true',
  '{"a":1}',
  '${x}',
  '{{x}}',
  '<script>',
  '..\\..\\',
  'b20260301_1',
  'player001',
  '',
];
const nasty = fc.constantFrom(...NASTY);
/** Strings a caller could send, weighted towards the ones that hurt. */
const hostileShort: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nasty },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(nasty, fc.string({ maxLength: 6 })), { maxLength: 6 })
      .map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);
/** Every hostile string, a leading U+FEFF included, is staged and read back as sent. */
const keptByStaging = hostileShort;
/** The same with over-long ones: past a key's 64 characters, a field's 4,096, or 70,000 quotes. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: hostileShort },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 65, maxLength: 5_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('x'.repeat(4_097), "'".repeat(70_000), `${'a'.repeat(64)}'`),
  },
);
const validPlayer = fc.stringMatching(/^[a-z0-9_-]{1,64}$/);
const player = fc.oneof(validPlayer, hostile, fc.constantFrom(...somePlayers(3)));
const gameDate = fc.oneof(
  fc.constantFrom(...DATES, '2026-02-30', '2026-13-01', '26-03-01'),
  hostile,
);
const instant = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  { weight: 1, arbitrary: hostile },
);
const number = fc.oneof(
  fc.integer(),
  fc.integer({ min: -5, max: 2_000 }),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e308, -0),
);

/** Renders a value as a GraphQL literal, for requests that inline their input. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'null';
}

describe('every mutation under hostile input (fast-check)', () => {
  let t: TestApp;
  let warehouse: WarehouseClient;
  let seedBatch: string;
  const batchIds = new Set<string>();

  interface Answer {
    status: number;
    body: GraphqlResponse<Record<string, unknown>>;
  }

  async function send(
    query: string,
    variables: Record<string, unknown> = {},
    credential: Record<string, string> = { 'x-api-key': KEY },
  ): Promise<Answer> {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...credential },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as GraphqlResponse<Record<string, unknown>>,
    };
  }

  /** A player's staging as the service wrote it: its newest write in the shared table. */
  async function stagedRowsOf(batchId: string, lookup: string) {
    assert.match(lookup, PLAYER_LOOKUP_PATTERN);
    return rows(`SELECT * FROM ${STAGED_ROWS_TABLE.name}
WHERE batch_id = '${batchId}' AND player_lookup = '${lookup}'
QUALIFY write_seq = MAX(write_seq) OVER () ORDER BY prediction_id`);
  }

  async function rows(sql: string): Promise<Record<string, unknown>[]> {
    return warehouse.query({ sql, params: {} });
  }

  /**
   * Waits for this app's consolidations to finish, their after-images included (written
   * after a run is answered): what an earlier call set off is not the current call's doing.
   */
  async function settled(): Promise<void> {
    const dates = await rows(`SELECT DISTINCT CAST(game_date AS VARCHAR) AS d FROM batch_events`);
    const consolidations = t.app.get(ConsolidationService);
    await Promise.all(dates.map((r) => consolidations.idle(String(r.d))));
  }

  /** Tables and row counts: what a refused request must leave exactly as it was. */
  async function fingerprint(): Promise<string> {
    await settled();
    const tables = (
      await rows(`SELECT table_name FROM information_schema.tables ORDER BY table_name`)
    ).map((r) => String(r.table_name));
    const counts = await Promise.all(
      [
        'batch_events',
        'player_prop_predictions',
        'prediction_snapshots',
        'consolidation_leases',
      ].map(async (table) => {
        const [row] = await rows(`SELECT count(*) AS n FROM ${table}`);
        return `${table}=${String(row?.n)}`;
      }),
    );
    return JSON.stringify({ tables, counts });
  }

  /** Calls that were accepted since the last reset: a property that never gets past validation proves little. */
  let accepted = 0;
  function acceptedSince(ctx: { diagnostic(message: string): void }, minimum: number): void {
    ctx.diagnostic(`${accepted} calls accepted`);
    assert.ok(
      accepted >= minimum,
      `only ${accepted} calls were accepted; the generators should reach the write path`,
    );
    accepted = 0;
  }

  /** The invariant of every call: no 5xx, no internal error, and a refusal writes nothing. */
  async function call(query: string, variables: Record<string, unknown>): Promise<Answer> {
    const before = await fingerprint();
    const answer = await send(query, variables);
    assert.ok(
      answer.status < 500,
      `HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
    const codes = (answer.body.errors ?? []).map((e) => String(e.extensions?.code));
    for (const code of codes)
      assert.ok(REFUSALS.has(code), `${code}: ${JSON.stringify(answer.body.errors).slice(0, 800)}`);
    if (codes.length > 0) {
      assert.ok(
        !answer.body.data || Object.values(answer.body.data).every((v) => v === null),
        'refused means no data',
      );
      assert.equal(
        await fingerprint(),
        before,
        `a refused call changed the database: ${JSON.stringify(answer.body.errors).slice(0, 300)}`,
      );
    } else {
      accepted += 1;
    }
    return answer;
  }

  const batchId = (): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(seedBatch) },
      { weight: 2, arbitrary: fc.constantFrom(...batchIds) },
      fc.constantFrom('b20991231_7', 'b20260301_999999', 'b20260301_1234567'),
      hostile,
      fc.tuple(fc.constant(seedBatch), nasty).map(([id, tail]) => `${id}${tail}`),
    );

  /**
   * A prediction whose string, JSON and list fields may be hostile, and its numbers too in
   * about one case in three (a wrong number refuses the whole row, so strings get through).
   */
  const prediction = (playerLookup: string): fc.Arbitrary<Record<string, unknown>> => {
    const [base = {}] = somePredictions(playerLookup, 1, { gameDate: SEED_DATE });
    const field = (name: string, hostileValue: fc.Arbitrary<unknown>) =>
      [name, fc.oneof({ weight: 2, arbitrary: fc.constant(base[name]) }, hostileValue)] as const;
    const strings: [string, fc.Arbitrary<unknown>][] = [];
    const numbers: [string, fc.Arbitrary<unknown>][] = [];
    for (const c of INPUT_COLUMNS.filter((c) => !['player_lookup', 'game_date'].includes(c.name))) {
      const name = camelCase(c.name);
      if (c.mode === 'REPEATED')
        strings.push([...field(name, fc.array(hostileShort, { maxLength: 4 }))]);
      else if (c.type === 'STRING') strings.push([...field(name, keptByStaging)]);
      else if (c.type === 'JSON')
        strings.push([
          ...field(
            name,
            fc.oneof(fc.dictionary(hostileShort, hostileShort, { maxKeys: 3 }), hostile),
          ),
        ]);
      else if (c.type === 'TIMESTAMP') strings.push([...field(name, instant)]);
      else if (isNumeric(c.type) || c.type === 'INT64' || c.type === 'FLOAT64')
        numbers.push([...field(name, number)]);
    }
    const keepNumbers = fc.constant(
      Object.fromEntries(numbers.map(([name]) => [name, base[name]])),
    );
    return fc
      .tuple(
        fc.record(Object.fromEntries(strings)),
        fc.oneof({ weight: 2, arbitrary: keepNumbers }, fc.record(Object.fromEntries(numbers))),
      )
      .map(([s, n]) => ({ ...base, ...s, ...n }));
  };

  before(async () => {
    t = await startTestApp({ env: { API_KEYS: KEY } });
    warehouse = t.app.get(WarehouseClient);
    await warehouse.execute({
      sql: `CREATE TABLE canary AS SELECT 'still here' AS note`,
      params: {},
    });
    const seed = await send(START, { input: { gameDate: SEED_DATE, players: somePlayers(200) } });
    seedBatch = String((seed.body.data?.startBatch as { batch: { id: string } }).batch.id);
    batchIds.add(seedBatch);
    for (const date of DATES.slice(1)) {
      const other = await send(START, { input: { gameDate: date, players: somePlayers(5) } });
      batchIds.add(String((other.body.data?.startBatch as { batch: { id: string } }).batch.id));
    }
  });

  after(async () => t.close());

  it('startBatch: hostile player keys, dates and correlation ids, in variables or inlined', async (ctx) => {
    accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...DATES) }, gameDate),
        fc.oneof(
          { weight: 2, arbitrary: fc.array(validPlayer, { minLength: 1, maxLength: 12 }) },
          fc.array(player, { maxLength: 12 }),
        ),
        fc.option(hostile),
        fc.boolean(),
        fc.boolean(),
        async (date, players, correlationId, force, inline) => {
          const input = { gameDate: date, players, correlationId, force };
          const answer = inline
            ? await call(
                `mutation { startBatch(input: ${literal(input)}) { created batch { id expectedPlayers correlationId } } }`,
                {},
              )
            : await call(
                START.replace(
                  'status mergedFrom',
                  'status mergedFrom expectedPlayers correlationId',
                ),
                { input },
              );
          const started = answer.body.data?.startBatch as
            | {
                created: boolean;
                batch: { id: string; expectedPlayers: number; correlationId: string | null };
              }
            | undefined;
          if (!started) return;
          assert.match(started.batch.id, BATCH_ID_PATTERN);
          assert.ok(
            players.every((p) => PLAYER_LOOKUP_PATTERN.test(p)),
            'accepted only valid keys',
          );
          if (started.created) {
            batchIds.add(started.batch.id);
            assert.equal(started.batch.expectedPlayers, new Set(players).size);
            assert.equal(
              started.batch.correlationId,
              correlationId || null,
              'the correlation id is kept as sent',
            );
          }
        },
      ),
      { numRuns: RUNS },
    );
    acceptedSince(ctx, RUNS / 10);
  });

  it('stagePredictions: hostile ids and every field of a prediction; what is staged is exactly what was sent', async (ctx) => {
    accepted = 0;
    const [base = {}] = somePredictions('player001', 1, { gameDate: SEED_DATE });
    const worst = {
      ...base,
      systemId: 'a\u0000b',
      gameId: "'; DROP TABLE canary; --",
      recommendation: '`--/*\u2028',
      modelVersion: '\\\'"',
      keyFactors: { "'; --": '\u0000', nested: ['`'] },
      dataQualityIssues: ['💥', '\u0000', "''"],
    };
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(
            batchId(),
            fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...somePlayers(4)) }, player),
          )
          .chain(([id, lookup]) =>
            fc.tuple(
              fc.constant(id),
              fc.constant(lookup),
              fc.array(prediction(lookup), { maxLength: 3 }),
            ),
          ),
        async ([id, lookup, predictions]) => {
          const answer = await call(STAGE, {
            input: { batchId: id, playerLookup: lookup, predictions },
          });
          const staged = answer.body.data?.stagePredictions as
            { batchId: string; rowsStaged: number } | undefined;
          if (!staged) return;
          assert.equal(staged.rowsStaged, predictions.length);
          const stored = await stagedRowsOf(staged.batchId, lookup);
          const strings = INPUT_COLUMNS.filter(
            (c) => c.type === 'STRING' && c.mode !== 'REPEATED',
          ).map((c) => c.name);
          const pick = (r: Record<string, unknown>, key: (c: string) => string) =>
            strings.map((c) => r[key(c)] ?? null);
          assert.deepEqual(
            stored.map((r) => pick(r, (c) => c)).sort(),
            predictions.map((p) => pick(p, camelCase)).sort(),
            'string fields round-trip byte for byte',
          );
        },
      ),
      {
        numRuns: RUNS,
        examples: [
          [[seedBatch, 'player001', [worst]]],
          [[seedBatch, 'player002', [{ ...base, gameId: 'x'.repeat(4_097) }]]],
        ],
      },
    );
    acceptedSince(ctx, RUNS / 10);
  });

  it('stages a string that starts with U+FEFF as sent', async () => {
    const [base = {}] = somePredictions('player003', 1, { gameDate: SEED_DATE });
    const answer = await send(STAGE, {
      input: {
        batchId: seedBatch,
        playerLookup: 'player003',
        predictions: [{ ...base, gameId: '\ufeffab' }],
      },
    });
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    // Staged for the canonical batch of the date (earlier properties may have forced one).
    const data = answer.body.data as { stagePredictions: { batchId: string } };
    assert.deepEqual(
      (await stagedRowsOf(data.stagePredictions.batchId, 'player003')).map((r) => r.game_id),
      ['\ufeffab'],
    );
  });

  it('recordCompletion: hostile ids and keys, arbitrary counts', async (ctx) => {
    accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        batchId(),
        fc.oneof(fc.constantFrom(...somePlayers(10)), player),
        fc.oneof(fc.nat({ max: 50 }), number),
        async (id, lookup, count) => {
          const answer = await call(COMPLETE, {
            input: { batchId: id, playerLookup: lookup, predictionsCount: count },
          });
          if (answer.body.data?.recordCompletion) {
            assert.match(lookup, PLAYER_LOOKUP_PATTERN);
            assert.ok(Number.isInteger(count) && count >= 0);
          }
        },
      ),
      { numRuns: RUNS },
    );
    acceptedSince(ctx, RUNS / 10);
  });

  it('consolidateBatch: hostile batch ids', async () => {
    await fc.assert(
      fc.asyncProperty(batchId(), async (id) => {
        await call(CONSOLIDATE, { batchId: id });
      }),
      { numRuns: 30 },
    );
  });

  it('checkStalledBatches: arbitrary thresholds and percentages', async () => {
    await fc.assert(
      fc.asyncProperty(number, number, async (threshold, pct) => {
        await call(CHECK_STALLED, { t: threshold, pct });
      }),
      { numRuns: 30 },
    );
  });

  it('mergeFragmentedBatches: hostile game dates', async () => {
    await fc.assert(
      fc.asyncProperty(gameDate, async (date) => {
        await call(MERGE_FRAGMENTS, { gameDate: date });
      }),
      { numRuns: 30 },
    );
  });

  it('restorePredictions: hostile dates and instants, dry run or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        gameDate,
        instant,
        fc.option(fc.boolean(), { nil: undefined }),
        async (date, asOf, dry) => {
          await call(RESTORE, { d: date, asOf, ...(dry === undefined ? {} : { dry }) });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('repairDuplicates: hostile dates, dry run or not', async () => {
    await fc.assert(
      fc.asyncProperty(gameDate, fc.option(fc.boolean(), { nil: undefined }), async (date, dry) => {
        await call(REPAIR, { d: date, ...(dry === undefined ? {} : { dry }) });
      }),
      { numRuns: 30 },
    );
  });

  it('cancelBatch: hostile batch ids', async () => {
    await fc.assert(
      fc.asyncProperty(batchId(), async (id) => {
        await call(CANCEL_BATCH, { id });
      }),
      { numRuns: RUNS },
    );
  });

  it('without a credential, or with a wrong one: any operation, any variables, the same refusal, and nothing read or written', async (ctx) => {
    const credential = fc.oneof(
      fc.constant<Record<string, string>>({}),
      fc
        .constantFrom('', ' ', KEY.slice(0, -1), `${KEY}x`, KEY.toUpperCase(), 'null')
        .map((key): Record<string, string> => ({ 'x-api-key': key })),
      fc
        .stringMatching(/^[!-~]{1,60}$/)
        .chain((token) =>
          fc.constantFrom<Record<string, string>>(
            { 'x-api-key': token },
            { authorization: `Bearer ${token}` },
            { authorization: `Basic ${token}` },
            { authorization: token },
            { authorization: `Bearer ${token}.${token}.${token}` },
          ),
        ),
    );
    const values = (_name: string, type: string) =>
      type.startsWith('Date') ? gameDate : type.startsWith('ID') ? batchId() : hostile;
    const statements = injectFaults(warehouse, { rate: 0 });
    const answers = new Set<string>();
    try {
      await fc.assert(
        fc.asyncProperty(generatedRequest(values), credential, async (request, headers) => {
          const reference = await post({ query: '{ __typename }' }, headers);
          const seen = statements.statements.length;
          const answer = await post(request, headers);
          assert.equal(statements.statements.length, seen, 'no warehouse statement ran');
          assert.equal(answer.status, 401, answer.text.slice(0, 300));
          const body = JSON.parse(answer.text) as GraphqlResponse;
          assert.deepEqual(codes(body), ['UNAUTHENTICATED']);
          assert.equal(body.data, undefined);
          assert.equal(answer.text, reference.text, 'the answer depends on the credential only');
          answers.add(answer.text);
        }),
        { numRuns: RUNS },
      );
    } finally {
      statements.restore();
    }
    ctx.diagnostic(`${answers.size} distinct refusals: ${[...answers].join(' | ').slice(0, 400)}`);
  });

  /** A request as sent, with the credential given (none by default). */
  async function post(
    request: GeneratedRequest | Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(request),
    });
    return { status: response.status, text: await response.text() };
  }

  it('leaves no stray table and no stray row, and the canary untouched', async () => {
    const tables = (await rows(`SELECT table_name FROM information_schema.tables`)).map((r) =>
      String(r.table_name),
    );
    const unexpected = tables.filter(
      (name) => !OWN_TABLES.includes(name) && !STAGING_TABLE.test(name),
    );
    assert.deepEqual(unexpected, []);
    for (const table of tables.filter((name) => STAGING_TABLE.test(name))) {
      assert.ok(
        [...batchIds].some((id) => table.startsWith(`_staging_${id}_`)),
        `staging table ${table} belongs to a known batch`,
      );
    }
    for (const slice of await rows(
      `SELECT DISTINCT batch_id, player_lookup FROM ${STAGED_ROWS_TABLE.name}`,
    )) {
      assert.ok(batchIds.has(String(slice.batch_id)), `staged rows of ${String(slice.batch_id)}`);
      assert.match(String(slice.player_lookup), PLAYER_LOOKUP_PATTERN);
    }
    assert.deepEqual(await rows(`SELECT note FROM canary`), [{ note: 'still here' }]);
    const events = await rows(`SELECT DISTINCT batch_id, player_lookup FROM batch_events`);
    for (const event of events) {
      assert.match(String(event.batch_id), BATCH_ID_PATTERN);
      assert.ok(
        batchIds.has(String(event.batch_id)),
        `events only for batches the API created: ${String(event.batch_id)}`,
      );
      if (typeof event.player_lookup === 'string')
        assert.match(event.player_lookup, PLAYER_LOOKUP_PATTERN);
      else assert.equal(event.player_lookup, null);
    }
    const predicted = await rows(
      `SELECT DISTINCT player_lookup, game_date FROM player_prop_predictions`,
    );
    for (const row of predicted) assert.match(String(row.player_lookup), PLAYER_LOOKUP_PATTERN);
  });
});

/** The codes of a response, for assertions. */
function codes(body: GraphqlResponse<unknown>): string[] {
  return (body.errors ?? []).map((e) => String(e.extensions?.code));
}

describe('any operation with any variables (fast-check): no INTERNAL_SERVER_ERROR unless the warehouse failed', () => {
  let t: TestApp;
  let seedBatch = 'b20260301_1';

  const plausible = (name: string, type: string): fc.Arbitrary<unknown> => {
    const base = type.replace('!', '');
    /** Mostly valid, sometimes hostile: most requests should reach the resolvers. */
    const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: other });
    const players = fc.array(mostly(validPlayer, player), { minLength: 1, maxLength: 5 });
    const ids = mostly(fc.constantFrom(seedBatch, 'b20991231_7'), hostileShort);
    switch (base) {
      case 'ID':
        return ids;
      case 'Int':
        return mostly(fc.integer({ min: 0, max: 100 }), number);
      case 'Float':
        return mostly(fc.double({ min: 0, max: 100, noNaN: true }), number);
      case 'Boolean':
        return fc.boolean();
      case 'Date':
        return mostly(fc.constantFrom(...DATES), gameDate);
      case 'DateTime':
        return mostly(
          fc.constantFrom('2026-03-01T18:00:00Z', '2026-03-02T09:30:00+02:00'),
          instant,
        );
      case 'BatchStatus':
        return fc.constantFrom('OPEN', 'CONSOLIDATING', 'CONSOLIDATED', 'CANCELLED', 'OPN');
      case 'StartBatchInput':
        return fc.record(
          { gameDate, players, correlationId: fc.option(hostileShort), force: fc.boolean() },
          { requiredKeys: ['gameDate', 'players'] },
        );
      case 'RecordCompletionInput':
        return fc.record({
          batchId: ids,
          playerLookup: mostly(fc.constantFrom(...somePlayers(3)), player),
          predictionsCount: mostly(fc.nat({ max: 40 }), number),
        });
      case 'StagePredictionsInput':
        return fc.constantFrom(...somePlayers(3)).chain((lookup) =>
          fc.record({
            batchId: ids,
            playerLookup: fc.constant(lookup),
            predictions: fc.constantFrom(
              somePredictions(lookup, 2, { gameDate: SEED_DATE }),
              [{ ...somePredictions(lookup, 1, { gameDate: SEED_DATE })[0], nope: 1 }],
              [{}],
              [],
            ),
          }),
        );
      default:
        return name === 'after' ? fc.oneof(hostileShort, fc.constant('b20260301_1')) : hostileShort;
    }
  };

  async function send(
    request: GeneratedRequest,
  ): Promise<{ status: number; body: GraphqlResponse }> {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify(request),
    });
    const text = await response.text();
    assert.ok(response.status < 500, `HTTP ${response.status}: ${text.slice(0, 500)}`);
    return { status: response.status, body: JSON.parse(text) as GraphqlResponse };
  }

  before(async () => {
    t = await startTestApp({ env: { API_KEYS: KEY } });
    const started = await send({
      query: START,
      variables: { input: { gameDate: SEED_DATE, players: somePlayers(3) } },
    });
    seedBatch = (started.body.data as { startBatch: { batch: { id: string } } }).startBatch.batch
      .id;
  });
  after(async () => t.close());

  it('with a warehouse that answers: every error is a refusal with a client code', async (ctx) => {
    const seen = new Map<string, number>();
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(generatedRequest(plausible), async (request) => {
        const { body } = await send(request);
        if (!body.errors) answered += 1;
        for (const code of codes(body)) {
          seen.set(code, (seen.get(code) ?? 0) + 1);
          assert.ok(
            REFUSALS.has(code),
            `${code}: ${JSON.stringify(body.errors).slice(0, 600)}\n${JSON.stringify(request).slice(0, 600)}`,
          );
        }
      }),
      { numRuns: 3 * RUNS },
    );
    ctx.diagnostic(`${answered} answered; codes seen: ${JSON.stringify(Object.fromEntries(seen))}`);
    assert.ok(answered >= RUNS / 4, `only ${answered} requests got past the refusals`);
  });

  it('with a warehouse that fails a third of its statements: a server error only when a statement failed', async (ctx) => {
    let failed = 0;
    const faults: FaultInjector = injectFaults(t.app.get(WarehouseClient), {
      rate: 0.3,
      seed: 7,
      strike: 'before',
    });
    try {
      await fc.assert(
        fc.asyncProperty(generatedRequest(plausible), async (request) => {
          const injected = faults.injectedTotal;
          const { body } = await send(request);
          for (const code of codes(body)) {
            if (REFUSALS.has(code)) continue;
            failed += 1;
            assert.ok(
              WAREHOUSE_FAILED.has(code),
              `${code}: ${JSON.stringify(body.errors).slice(0, 600)}`,
            );
            assert.ok(
              faults.injectedTotal > injected,
              `${code} without a warehouse failure: ${JSON.stringify(body.errors).slice(0, 600)}`,
            );
          }
          for (const error of body.errors ?? []) {
            if (!WAREHOUSE_FAILED.has(String(error.extensions?.code))) continue;
            assert.match(
              error.message,
              /^(Internal server error|The warehouse is busy; retry the request)$/,
            );
          }
        }),
        { numRuns: RUNS },
      );
    } finally {
      faults.restore();
    }
    ctx.diagnostic(`${faults.injectedTotal} statements failed; ${failed} errors said so`);
    assert.ok(failed > 0, 'some requests met a failing warehouse');
  });
});
