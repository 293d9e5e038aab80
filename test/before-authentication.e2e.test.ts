import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePredictions } from './support/builders';
import { STAGE, START } from './support/consolidation-api';
import { injectFaults, type FaultInjector } from './support/faulty-warehouse';
import { productionEnv, ServerProcess } from './support/server-process';
import { codes, startTestApp, type GraphqlResponse, type TestApp } from './support/test-app';

const KEY = 'k-before-auth-0123456789abcdef01234567';
const DATE = '2026-01-30';
const NO_CREDENTIAL = /^A credential is required: send X-API-Key/;
const FLOOD = join(__dirname, 'support', 'flood.js');

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: GraphqlResponse;
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let parsed: GraphqlResponse = {};
  try {
    parsed = JSON.parse(text) as GraphqlResponse;
  } catch {
    // a non-JSON answer: the assertions on status and text say what it was
  }
  return { status: response.status, text, body: parsed };
}

function gqlBody(query: string, variables: Record<string, unknown> = {}): string {
  return JSON.stringify({ query, variables });
}

/** The one answer a request without a credential gets, whatever it asked. */
function assertOnlyUnauthenticated(answer: Answer): void {
  assert.equal(answer.status, 401, answer.text.slice(0, 300));
  assert.deepEqual(codes(answer.body), ['UNAUTHENTICATED'], answer.text.slice(0, 300));
  assert.match(answer.body.errors?.[0]?.message ?? '', NO_CREDENTIAL);
  assert.equal(answer.body.data, undefined);
}

describe('before authentication (API_KEYS set, introspection off as in production)', () => {
  let t: TestApp;
  let statements: FaultInjector;
  let batchId: string;
  const keyed = { 'x-api-key': KEY };

  before(async () => {
    t = await startTestApp({ env: { API_KEYS: KEY, INTROSPECTION: 'false' } });
    const started = await post(
      t.url,
      gqlBody(START, { input: { gameDate: DATE, players: ['ann'] } }),
      keyed,
    );
    batchId = (started.body.data as { startBatch: { batch: { id: string } } }).startBatch.batch.id;
    statements = injectFaults(t.app.get(WarehouseClient), { rate: 0 });
  });
  after(async () => {
    statements.restore();
    await t.close();
  });

  it('does not read the body of a request without a credential: even invalid JSON is refused as unauthenticated', async () => {
    assertOnlyUnauthenticated(await post(t.url, '{"query": "mutation { cancelBatch('));
    assertOnlyUnauthenticated(await post(t.url, gqlBody('{ __typename }'), { 'x-api-key': '' }));
  });

  it('neither reads a batch nor tells whether it exists when a stagePredictions without a credential fails input checks', async () => {
    const [row] = somePredictions('ann', 1, { gameDate: DATE });
    const ask = (id: string) =>
      post(
        t.url,
        gqlBody(STAGE, {
          input: { batchId: id, playerLookup: 'ann', predictions: [{ ...row, nope: 1 }] },
        }),
      );
    const seen = statements.statements.length;
    const existing = await ask(batchId);
    const missing = await ask('b20991231_1');
    assertOnlyUnauthenticated(existing);
    assert.equal(existing.text, missing.text, 'the same answer whether the batch exists or not');
    assert.doesNotMatch(existing.text, new RegExp(`${DATE}|${batchId}|nope`));
    assert.equal(statements.statements.length, seen, 'no warehouse statement ran');
    // With the credential, the worker gets every problem at once, as before.
    const withKey = await post(
      t.url,
      gqlBody(STAGE, {
        input: { batchId, playerLookup: 'ann', predictions: [{ ...row, nope: 1 }] },
      }),
      keyed,
    );
    assert.deepEqual(codes(withKey.body), ['BAD_USER_INPUT']);
    assert.match(withKey.text, /predictions\[0\]\.nope is not a column of the target table/);
  });

  it('gives no schema hints without a credential, and keeps them for a caller with one', async () => {
    const typo = '{ batches(status: OPN) { id } }';
    const missingField = 'mutation { startBatch(input: { gameDate: "2026-01-30" }) { created } }';
    for (const query of [typo, missingField, '{ __schema { types { name } } }']) {
      const answer = await post(t.url, gqlBody(query));
      assertOnlyUnauthenticated(answer);
      assert.doesNotMatch(answer.text, /Did you mean|OPEN|players|StartBatchInput|__schema/);
    }
    const suggested = await post(t.url, gqlBody(typo), keyed);
    assert.match(suggested.text, /Did you mean the enum value \\"OPEN\\"\?/);
    const required = await post(t.url, gqlBody(missingField), keyed);
    assert.match(required.text, /StartBatchInput\.players\\" of required type/);
  });
});

describe('queries open to all (AUTH_QUERIES=false, introspection off)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      env: { API_KEYS: KEY, AUTH_QUERIES: 'false', INTROSPECTION: 'false' },
    });
  });
  after(async () => t.close());

  it('answers a query without a credential, and refuses anything else in the document', async () => {
    const read = await post(t.url, gqlBody('{ batches { id } }'));
    assert.deepEqual(read.body, { data: { batches: [] } });
    for (const query of [
      'mutation { cancelBatch(id: "b20260130_1") { id } }',
      'query A { batches { id } } mutation B { cancelBatch(id: "x") { id } }',
      'subscription { batches { id } }',
    ]) {
      assertOnlyUnauthenticated(await post(t.url, gqlBody(query)));
    }
    const hashOnly = JSON.stringify({
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    assertOnlyUnauthenticated(await post(t.url, hashOnly));
  });

  it('reads at most 64 KB from a caller without a credential: a larger body is refused unread', async () => {
    const big = JSON.stringify({
      query: '{ batches { id } }',
      variables: { pad: 'x'.repeat(65 * 1024) },
    });
    assertOnlyUnauthenticated(await post(t.url, big));
    const keyed = await post(t.url, big, { 'x-api-key': KEY });
    assert.equal(keyed.status, 200, keyed.text.slice(0, 200));
  });

  it('hides the schema from a query without a credential that does not validate', async () => {
    const answer = await post(t.url, gqlBody('{ batches(status: OPN) { idd } }'));
    assert.equal(answer.status, 400);
    assert.deepEqual(new Set(codes(answer.body)), new Set(['GRAPHQL_VALIDATION_FAILED']));
    assert.doesNotMatch(answer.text, /Did you mean|OPEN|BatchStatus|Batch\b/);
    const keyed = await post(t.url, gqlBody('{ batches(status: OPN) { id } }'), {
      'x-api-key': KEY,
    });
    assert.match(keyed.text, /Did you mean the enum value/);
  });
});

describe('the service under requests without a credential (the start command, production)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-flood-'));
  let server: ServerProcess;
  let base: string;

  before(async () => {
    server = new ServerProcess(productionEnv(dir, KEY));
    const ready = await server.waitForLog((l) => l.message === 'prediction-coordinator ready');
    base = `http://127.0.0.1:${String(ready.port)}`;
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps /healthz p99 under 100 ms while 8 requests of 5 MB (1.7 million rows) are in flight, each refused', async (ctx) => {
    // The attackers run in a process of their own: this one only measures.
    const flood = spawn(process.execPath, [FLOOD, `${base}/graphql`, '8', '5120', '5000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Attackers are elsewhere in life: on this machine they must not take the server's CPU.
    if (flood.pid !== undefined) setPriority(flood.pid, 19);
    let report = '';
    flood.stdout.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
    const flooded = once(flood, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const latencies: number[] = [];
    const until = performance.now() + 4_000;
    while (performance.now() < until) {
      const started = performance.now();
      const answer = await fetch(`${base}/healthz`);
      await answer.arrayBuffer();
      latencies.push(performance.now() - started);
      assert.equal(answer.status, 200);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await flooded;
    const { bytes, statuses, failed } = JSON.parse(report) as {
      bytes: number;
      statuses: Record<string, number>;
      failed: number;
    };
    latencies.sort((a, b) => a - b);
    const p = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Infinity;
    ctx.diagnostic(
      `${bytes} bytes per request; answers ${JSON.stringify(statuses)}, ${failed} cut off while sending; ${latencies.length} probes: /healthz p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms, max ${p(1).toFixed(1)} ms`,
    );
    assert.ok(bytes > 5_000_000);
    assert.ok(
      Object.keys(statuses).every((status) => status === '401'),
      'every answer a refusal',
    );
    // A refused body is not read: an attacker still sending often sees the connection close.
    // Niced on a busy machine the attackers may be slow: each must have had a request in flight.
    const attempts = (statuses['401'] ?? 0) + failed;
    assert.ok(attempts >= 8, `the attack ran: ${JSON.stringify(statuses)}, ${failed} cut off`);
    assert.ok(latencies.length >= 100, `enough probes: ${latencies.length}`);
    assert.ok(p(0.99) < 100, `/healthz p99 ${p(0.99).toFixed(1)} ms`);
  });

  it('refuses the same bodies sent with a credential without building them: every answer 400, the service stays up', async (ctx) => {
    const flood = spawn(process.execPath, [FLOOD, `${base}/graphql`, '8', '5120', '3000', KEY], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (flood.pid !== undefined) setPriority(flood.pid, 19);
    let report = '';
    flood.stdout.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
    await once(flood, 'exit');
    const { statuses, messages, failed } = JSON.parse(report) as {
      statuses: Record<string, number>;
      messages: string[];
      failed: number;
    };
    ctx.diagnostic(
      `answers ${JSON.stringify(statuses)} ${JSON.stringify(messages)}, ${failed} failed`,
    );
    assert.deepEqual(Object.keys(statuses), ['400'], 'each refused, none failed the service');
    assert.deepEqual(messages, ['The request holds more than 64000 objects and lists']);
    assert.equal(failed, 0);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });
});
