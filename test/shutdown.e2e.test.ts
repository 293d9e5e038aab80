import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ConsolidationCron } from '../src/consolidation/consolidation-cron.service';
import { SHUTDOWN_WAIT_MS } from '../src/consolidation/consolidation.service';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePlayers, somePredictions } from './support/builders';
import { CRASH_HOOK, jsonLines, spawnApp, type ChildApp } from './support/child-app';
import { COMPLETE, consolidationApi, STAGE, START } from './support/consolidation-api';
import { injectFaults } from './support/faulty-warehouse';
import { FrozenClock, startTestApp, type TestApp } from './support/test-app';

const PLAYERS = somePlayers(6, 's');
const ROWS = 4;
const gameDate = new Date().toISOString().slice(0, 10);

/** Starts, stages and completes a small day; the last completion triggers the consolidation. */
async function driveDay(child: ChildApp): Promise<string> {
  const start = await child.ok<{ startBatch: { batch: { id: string } } }>(START, {
    input: { gameDate, players: PLAYERS },
  });
  const batchId = start.startBatch.batch.id;
  for (const player of PLAYERS) {
    const predictions = somePredictions(player, ROWS, { gameDate });
    await child.ok(STAGE, { input: { batchId, playerLookup: player, predictions } });
    await child.ok(COMPLETE, { input: { batchId, playerLookup: player, predictionsCount: ROWS } });
  }
  return batchId;
}

/** The HTTP status of a new request, or 'refused' when the listener is gone. */
async function probe(child: ChildApp): Promise<number | 'refused'> {
  try {
    return (await fetch(`${child.base}/readyz`)).status;
  } catch {
    return 'refused';
  }
}

type RawAnswer = { readonly status: number; readonly body: string } | { readonly lost: string };

/**
 * Sends one request on a connection held by hand (so the test knows which connection it
 * took) and reads one answer, or says how the connection ended without one.
 */
function exchange(socket: Socket, body: string): Promise<RawAnswer> {
  if (socket.readableEnded || socket.destroyed)
    return Promise.resolve({ lost: 'the server had closed the connection' });
  return new Promise((resolve) => {
    let data = '';
    const timer = setTimeout(() => finish({ lost: 'no answer within 10 s' }), 10_000);
    const finish = (answer: RawAnswer) => {
      clearTimeout(timer);
      socket.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      data += chunk.toString('latin1');
      const head = /^HTTP\/1\.1 (\d{3})[^]*?\r\n\r\n/.exec(data);
      if (!head) return;
      const rest = data.slice(head[0].length);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head[0])?.[1];
      if (length !== undefined && rest.length >= Number(length))
        finish({ status: Number(head[1]), body: rest.slice(0, Number(length)) });
      else if (length === undefined && rest.endsWith('0\r\n\r\n'))
        finish({ status: Number(head[1]), body: rest });
    };
    const onEnd = () => finish({ lost: `closed after ${JSON.stringify(data.slice(0, 80))}` });
    const onError = (error: NodeJS.ErrnoException) => finish({ lost: error.code ?? error.message });
    socket.on('data', onData).on('end', onEnd).on('error', onError);
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

function messages(child: ChildApp): string[] {
  return jsonLines(child.lines).map((line) => String(line.message));
}

describe('SIGTERM on the production process (node dist/src/main.js)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coordinator-sigterm-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses new requests, lets the consolidation in flight finish, flushes its logs and exits 0', async () => {
    const dbPath = join(dir, 'coordinator.duckdb');
    // The run pauses 1.5 s after its snapshot: SIGTERM lands in the middle of it.
    const child = await spawnApp({
      dbPath,
      env: { HOLD_AFTER_OPERATION: 'snapshot', HOLD_MS: '1500' },
      preload: [CRASH_HOOK],
    });
    const batchId = await driveDay(child);
    await child.waitForLine((line) => line.includes('"hook":"hold"'));
    child.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const status = await probe(child);
    assert.ok(
      status === 503 || status === 'refused',
      `a new request during shutdown got ${status}`,
    );

    assert.deepEqual(await child.exited, { code: 0, signal: null }, child.stderr());
    const lines = jsonLines(child.lines);
    assert.ok(
      lines.every((line) => typeof line.severity === 'string'),
      'every line is JSON with a severity',
    );
    const said = messages(child);
    const order = [
      'shutdown: waiting for consolidations in flight',
      'consolidation succeeded',
      'shutdown: consolidations in flight finished',
      'warehouse connection closed',
    ].map((message) => said.indexOf(message));
    assert.ok(
      order.every((index, i) => index >= 0 && (i === 0 || index > (order[i - 1] ?? -1))),
      `shutdown steps logged in order, the last ones flushed before exit: ${JSON.stringify(said.slice(-8))}`,
    );

    const t = await startTestApp({ dbPath });
    try {
      const api = consolidationApi(t);
      assert.equal((await api.runs(batchId)).status, 'CONSOLIDATED');
      assert.equal(await api.activeRows(gameDate), PLAYERS.length * ROWS);
      assert.deepEqual(await api.stagingTables(batchId), []);
      assert.equal(
        await api.count(`SELECT count(*) FROM consolidation_leases WHERE owner IS NOT NULL`),
        0,
      );
    } finally {
      await t.close();
    }
  });

  it('answers every request in flight at SIGTERM, and a request that arrives on an open connection with 503', async () => {
    const dbPath = join(dir, 'coordinator.duckdb');
    // Every staging write pauses 3 s after its INSERT: SIGTERM finds them all in flight.
    const child = await spawnApp({
      dbPath,
      env: {
        HOLD_AFTER_OPERATION: 'insert_staged_predictions',
        CRASH_OCCURRENCE: 'every',
        HOLD_MS: '3000',
      },
      preload: [CRASH_HOOK],
    });
    const players = somePlayers(9, 'w');
    const start = await child.ok<{ startBatch: { batch: { id: string } } }>(START, {
      input: { gameDate, players },
    });
    const batchId = start.startBatch.batch.id;
    const stage = (player: string) =>
      JSON.stringify({
        query: STAGE,
        variables: {
          input: {
            batchId,
            playerLookup: player,
            predictions: somePredictions(player, ROWS, { gameDate }),
          },
        },
      });
    // A keep-alive connection, idle when SIGTERM comes.
    const idle = connect(Number(new URL(child.base).port), '127.0.0.1');
    assert.deepEqual(await exchange(idle, JSON.stringify({ query: '{ __typename }' })), {
      status: 200,
      body: '{"data":{"__typename":"Query"}}\n',
    });
    const inFlight = players.slice(0, 8).map(async (player) => {
      const answer = await fetch(`${child.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stage(player),
      }).catch((error: unknown) => error);
      return answer instanceof Response
        ? { status: answer.status, body: await answer.text() }
        : { lost: String(answer) };
    });
    // SIGTERM once every write is held: all eight are in flight, whatever the machine's load.
    for (let i = 0; i < 300 && (child.stderr().match(/"hook":"hold"/g) ?? []).length < 8; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    child.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await exchange(idle, stage(players[8] ?? ''));
    idle.destroy();

    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      assert.ok('status' in answer, `an answer lost: ${JSON.stringify(answer)}`);
      assert.equal(answer.status, 200, answer.body);
      assert.match(answer.body, new RegExp(`"rowsStaged":${ROWS}`));
    }
    assert.ok('status' in late, `the late request got no answer: ${JSON.stringify(late)}`);
    assert.equal(late.status, 503);
    assert.match(late.body, /SERVICE_UNAVAILABLE/);
    assert.deepEqual(await child.exited, { code: 0, signal: null }, child.stderr());
    assert.ok(messages(child).includes('shutdown: requests in flight answered'));

    const t = await startTestApp({ dbPath });
    try {
      const staged = await consolidationApi(t).stagingTables(batchId);
      assert.deepEqual(
        staged.map((table) => table.slice(-4)),
        players.slice(0, 8),
        'every answered write is stored; the refused one is not',
      );
    } finally {
      await t.close();
    }
  });

  it('abandons a consolidation that outlasts the wait to its lease; after a restart one tick finishes it', async () => {
    const dbPath = join(dir, 'coordinator.duckdb');
    const child = await spawnApp({
      dbPath,
      env: { HOLD_AFTER_OPERATION: 'snapshot', HOLD_MS: '60000' },
      preload: [CRASH_HOOK],
    });
    const batchId = await driveDay(child);
    await child.waitForLine((line) => line.includes('"hook":"hold"'));
    const sentAt = Date.now();
    child.process.kill('SIGTERM');
    assert.deepEqual(await child.exited, { code: 0, signal: null }, child.stderr());
    const took = Date.now() - sentAt;
    assert.ok(
      took >= SHUTDOWN_WAIT_MS && took < SHUTDOWN_WAIT_MS + 5_000,
      `exited after ${took} ms`,
    );
    const said = messages(child);
    assert.ok(
      said.includes('shutdown: consolidation abandoned; its lease expires and the cron retries it'),
    );
    assert.ok(said.includes('warehouse connection closed'), said.slice(-5).join(' | '));

    const clock = new FrozenClock(new Date(Date.now() + 11 * 60_000));
    const t = await startTestApp({ dbPath, clock, env: { LOCK_LEASE_SECONDS: '5' } });
    try {
      const api = consolidationApi(t);
      assert.equal(await api.activeRows(gameDate), 0, 'nothing merged before the shutdown');
      assert.equal((await api.stagingTables(batchId)).length, PLAYERS.length, 'staging intact');
      assert.equal(
        await api.count(`SELECT count(*) FROM consolidation_leases WHERE owner IS NOT NULL`),
        1,
        'the lease was left to expire',
      );
      assert.equal((await t.app.get(ConsolidationCron).tick()).stalled, 1);
      await api.settled(gameDate); // its after-image, then the lease released
      assert.equal(await api.activeRows(gameDate), PLAYERS.length * ROWS);
      assert.equal(await api.duplicateKeys(gameDate), 0);
      assert.deepEqual(await api.stagingTables(batchId), []);
      assert.equal(
        await api.count(`SELECT count(*) FROM consolidation_leases WHERE owner IS NOT NULL`),
        0,
      );
      const runs = (await api.runs(batchId)).consolidations;
      assert.deepEqual(
        runs.map((r) => [r.trigger, r.status]),
        [
          ['STALLED_CHECK', 'SUCCEEDED'],
          ['BATCH_COMPLETE', 'FAILED'],
        ],
      );
      assert.match(runs[1]?.error ?? '', /abandoned/);
    } finally {
      await t.close();
    }
  });
});

describe("readiness answers from the service's own calls", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('after a call of its own succeeded, 20 probes run no warehouse statement', async () => {
    const seen = injectFaults(t.app.get(WarehouseClient), { rate: 0 });
    try {
      await t.ok('{ batches(gameDate: "2026-01-30") { id } }');
      const before = seen.statements.length;
      for (let i = 0; i < 20; i++) assert.equal((await fetch(`${t.base}/readyz`)).status, 200);
      assert.equal(seen.statements.length, before, JSON.stringify(seen.statements.slice(before)));
    } finally {
      seen.restore();
    }
  });
});

describe('liveness and readiness', () => {
  let t: TestApp;
  before(async () => {
    // Every probe asks the engine (no recent call counts), as after a quiet spell.
    t = await startTestApp({ env: { READINESS_MAX_AGE_SECONDS: '0' } });
  });
  after(async () => t.close());

  const get = async (path: string) => {
    const response = await fetch(`${t.base}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('/healthz is 200 and /readyz is 200 naming the engine', async () => {
    assert.deepEqual(await get('/healthz'), { status: 200, body: { status: 'ok' } });
    assert.deepEqual(await get('/readyz'), {
      status: 200,
      body: { status: 'ready', engine: 'duckdb' },
    });
  });

  it('/readyz is 503 while the warehouse fails, without its error text; /healthz stays 200', async () => {
    const faults = injectFaults(t.app.get(WarehouseClient), {
      rate: 1,
      operations: (operation) => operation === 'readiness',
    });
    try {
      const ready = await get('/readyz');
      assert.equal(ready.status, 503);
      assert.doesNotMatch(JSON.stringify(ready.body), /injected|fault/);
      assert.equal((await get('/healthz')).status, 200);
    } finally {
      faults.restore();
    }
    assert.equal((await get('/readyz')).status, 200, 'ready again once the warehouse answers');
  });

  it('/readyz is 503 once the warehouse is closed; /healthz stays 200', async () => {
    await t.app.get(WarehouseClient).close();
    assert.equal((await get('/readyz')).status, 503);
    assert.equal((await get('/healthz')).status, 200);
  });
});
