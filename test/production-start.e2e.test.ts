import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { productionEnv, ServerProcess, type LogLine } from './support/server-process';
import { dockerCommand, productionCommand } from './support/service-command';

// Incident 4: logs were invisible because the start command bypassed the logging setup.
// These start the built server exactly as production does and read what it prints.

const TRACE_HEADER = '105445aa7843bc8bf206b12000100000/1;o=1';
const TRACE_ID = '105445aa7843bc8bf206b12000100000';
const TRACE_KEY = 'logging.googleapis.com/trace';
const SPAN_KEY = 'logging.googleapis.com/spanId';
const SAMPLED_KEY = 'logging.googleapis.com/trace_sampled';
const REPORTED_ERROR =
  'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';
const REVISION = 'prediction-coordinator-00042-abc';
const ON_CLOUD_RUN = { K_SERVICE: 'prediction-coordinator', K_REVISION: REVISION };
const KEY = 'k-production-start-0123456789abcdef01';
const FAULT_HOOK = join(__dirname, 'support', 'fault-hook.js');

/** Every line a process printed, stdout and stderr, must be JSON: nothing coloured, no bare text. */
function assertAllJson(server: ServerProcess): LogLine[] {
  return [...server.stdout, ...server.stderr]
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      assert.ok(!line.includes('\u001b['), `a coloured line: ${line}`);
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`a line that is not JSON: ${line}`);
      }
    });
}

describe('the production start command (npm run start:prod)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-prod-'));
  const servers: ServerProcess[] = [];
  const production = productionEnv(dir, KEY);
  const start = (env: Record<string, string>) => {
    const server = new ServerProcess(env);
    servers.push(server);
    return server;
  };

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an invalid value: exits non-zero, naming the variable and what is allowed', async () => {
    const server = start({ ...production, ...ON_CLOUD_RUN, PORT: 'abc' });
    assert.equal(await server.exitCode(), 1);
    const said = server.stderr.join('\n');
    assert.match(said, /"severity":"CRITICAL"/);
    assert.match(said, /PORT must be a whole number from 0 to 65535 \(got \\"abc\\"\)/);
    assert.deepEqual(server.stdout, []);
    // Error Reporting takes it as an error of this service and revision.
    const [line] = assertAllJson(server);
    assert.equal(line?.['@type'], REPORTED_ERROR);
    assert.deepEqual(line?.serviceContext, {
      service: 'prediction-coordinator',
      version: REVISION,
    });
  });

  it('refuses to start in production without a credential', async () => {
    const withoutKeys: Record<string, string> = { ...production };
    delete withoutKeys.API_KEYS;
    const server = start(withoutKeys);
    assert.equal(await server.exitCode(), 1);
    assert.match(
      server.stderr.join('\n'),
      /API_KEYS or AUTH_AUDIENCE must be set when NODE_ENV=production/,
    );
  });

  it('refuses an API key shorter than 32 characters, saying so without repeating the key', async () => {
    const server = start({
      ...production,
      API_KEYS: 'letmein',
      DUCKDB_PATH: join(dir, 'short-key.duckdb'),
    });
    assert.equal(await server.exitCode(), 1);
    const [line] = assertAllJson(server);
    assert.equal(line?.severity, 'CRITICAL');
    assert.match(String(line?.message), /API_KEYS must each have at least 32 characters/);
    assert.doesNotMatch([...server.stdout, ...server.stderr].join('\n'), /letmein/);
  });

  describe('started validly', () => {
    let server: ServerProcess;
    let url: string;

    before(async () => {
      server = start(production);
      const ready = await server.waitForLog((l) => l.message === 'prediction-coordinator ready');
      assert.equal(typeof ready.port, 'number');
      url = `http://127.0.0.1:${String(ready.port)}/graphql`;
    });

    const post = async (query: string, headers: Record<string, string> = {}): Promise<unknown> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
        body: JSON.stringify({ query }),
      });
      assert.equal(response.status, 200);
      return response.json();
    };
    const query = async (headers: Record<string, string>) => {
      const body = await post('{ batches(gameDate: "2026-01-29") { id status } }', headers);
      assert.deepEqual(body, { data: { batches: [] } });
    };
    const requestLog = (trace: string) => (line: LogLine) =>
      line[TRACE_KEY] === trace && (line.req as { url?: string } | undefined)?.url === '/graphql';

    it('logs a request to /graphql as a JSON line with severity and message on stdout', async () => {
      await query({ 'X-Cloud-Trace-Context': TRACE_HEADER });
      const line = await server.waitForLog(requestLog(TRACE_ID));
      assert.equal(line.severity, 'INFO');
      assert.equal(typeof line.message, 'string');
      assert.equal((line.res as { statusCode?: number }).statusCode, 200);
      for (const logged of server.jsonLines()) {
        assert.equal(typeof logged.severity, 'string', JSON.stringify(logged));
        assert.equal(typeof logged.message, 'string', JSON.stringify(logged));
      }
    });

    it('takes the trace from a W3C traceparent header too', async () => {
      await query({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
      await server.waitForLog(requestLog('4bf92f3577b34da6a3ce929d0e0e4736'));
    });

    it('logs a batch step as one line with batchId and gameDate fields', async () => {
      const body = await post(
        'mutation { startBatch(input: { gameDate: "2026-01-30", players: ["ann"] }) { created } }',
      );
      assert.deepEqual(body, { data: { startBatch: { created: true } } });
      const line = await server.waitForLog((l) => l.message === 'batch started');
      assert.equal(line.batchId, 'b20260130_1');
      assert.equal(line.gameDate, '2026-01-30');
      assert.equal(line.severity, 'INFO');
    });

    it('logs a request with a credential in its query string without the credential', async () => {
      const secret = 'k-in-the-query-string-0123456789abcdef';
      const query = encodeURIComponent('{ __typename }');
      const answer = await fetch(`${url}?query=${query}&api_key=${secret}`, {
        headers: { 'x-api-key': KEY, 'apollo-require-preflight': 'true' },
      });
      assert.equal(answer.status, 200);
      const line = await server.waitForLog((l) =>
        String((l.req as { url?: string } | undefined)?.url).includes('api_key='),
      );
      assert.equal(
        (line.req as { url?: string }).url,
        '/graphql?query=[REDACTED]&api_key=[REDACTED]',
      );
      assert.ok(!server.stdout.some((l) => l.includes(secret)), 'the credential is in no log line');
    });

    it('refuses to start a second process on the same DuckDB file: one CRITICAL JSON line naming the lock, nothing coloured', async () => {
      const second = start(production);
      assert.equal(await second.exitCode(), 1);
      const lines = assertAllJson(second);
      assert.deepEqual(
        lines.map((l) => l.severity),
        ['CRITICAL'],
        JSON.stringify(lines),
      );
      assert.match(String(lines[0]?.message), /^start failed: .*lock/i);
      // Error Reporting takes it (a native error's stack may hold no frames).
      assert.equal(lines[0]?.['@type'], REPORTED_ERROR);
      assert.match(String(lines[0]?.stack_trace), /^Error: .*lock/i);
    });

    it('does not warn that authentication is off when a key is configured', () => {
      const warnings = server.jsonLines().filter((l) => l.severity === 'WARNING');
      assert.deepEqual(
        warnings.filter((l) => String(l.message).includes('authentication is OFF')),
        [],
      );
    });

    it('closes the warehouse and exits on SIGTERM, as Cloud Run stops it', async () => {
      server.signal('SIGTERM');
      assert.equal(await server.exitCode(), 0, 'a clean exit after the shutdown hooks');
      await server.waitForLog((l) => l.message === 'warehouse connection closed', 1);
    });
  });
});

describe('a request that fails unexpectedly outside a resolver (HTTP 500)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-fault-'));
  const secret = 'disk /var/lib/secret-volume is full';
  let server: ServerProcess;
  let url: string;

  before(async () => {
    server = new ServerProcess(
      {
        ...productionEnv(dir, KEY),
        FAIL_STAGING_REFUSAL: secret,
        ...ON_CLOUD_RUN,
        GOOGLE_CLOUD_PROJECT: 'nba-props-prod',
      },
      [FAULT_HOOK],
    );
    const ready = await server.waitForLog((l) => l.message === 'prediction-coordinator ready');
    url = `http://127.0.0.1:${String(ready.port)}/graphql`;
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a generic error and logs the request at ERROR with its cause, once', async () => {
    const stage = `mutation($input: StagePredictionsInput!) { stagePredictions(input: $input) { rowsStaged } }`;
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        query: stage,
        variables: {
          input: { batchId: 'b20260130_1', playerLookup: 'ann', predictions: [{ nope: 1 }] },
        },
      }),
    });
    const text = await answer.text();
    assert.equal(answer.status, 500, text);
    assert.doesNotMatch(text, /secret|disk|stack/i);
    const line = await server.waitForLog(
      (l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 500,
    );
    assert.equal(line.severity, 'ERROR', JSON.stringify(line));
    assert.match(JSON.stringify(line.err), /disk \/var\/lib\/secret-volume is full/);
    // What Error Reporting reads: the stack in stack_trace, grouped by service and revision.
    assert.match(
      String(line.stack_trace),
      /^Error: disk \/var\/lib\/secret-volume is full\n\s+at /,
    );
    assert.deepEqual(line.serviceContext, { service: 'prediction-coordinator', version: REVISION });
    assert.equal(typeof (line.req as { id?: unknown }).id, 'number');
    const requestLines = assertAllJson(server).filter(
      (l) => (l.req as { id?: unknown } | undefined)?.id === (line.req as { id?: unknown }).id,
    );
    assert.deepEqual(
      requestLines.map((l) => l.severity),
      ['ERROR'],
      'one line for the request, at ERROR',
    );
  });
});

describe('on Cloud Run: logs Cloud Logging correlates and Error Reporting reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-cloud-run-'));
  const metadataAsked: string[] = [];
  let metadata: Server;
  let server: ServerProcess;
  let url: string;

  before(async () => {
    // The metadata server of the instance, as Cloud Run's container contract describes it.
    metadata = createServer((req, res) => {
      metadataAsked.push(`${req.url ?? ''} ${String(req.headers['metadata-flavor'])}`);
      res.setHeader('metadata-flavor', 'Google');
      res.end('nba-props-prod');
    });
    await new Promise<void>((done) => metadata.listen(0, '127.0.0.1', done));
    server = new ServerProcess({
      ...productionEnv(dir, KEY),
      ...ON_CLOUD_RUN,
      GCE_METADATA_HOST: `127.0.0.1:${(metadata.address() as AddressInfo).port}`,
    });
    const ready = await server.waitForLog((l) => l.message === 'prediction-coordinator ready');
    url = `http://127.0.0.1:${String(ready.port)}/graphql`;
  });
  after(async () => {
    await server.stop();
    await new Promise<void>((done) => metadata.close(() => done()));
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (query: string, headers: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
      body: JSON.stringify({ query }),
    });

  it('every line of a request carries projects/PROJECT/traces/TRACE (the project from the metadata server), the hex span and trace_sampled', async () => {
    const answer = await post(
      'mutation { startBatch(input: { gameDate: "2026-01-30", players: ["ann"] }) { created } }',
      { 'X-Cloud-Trace-Context': '105445aa7843bc8bf206b12000100000/74;o=1' },
    );
    assert.equal(answer.status, 200);
    const trace = `projects/nba-props-prod/traces/${TRACE_ID}`;
    const step = await server.waitForLog((l) => l.message === 'batch started');
    const request = await server.waitForLog((l) => l.message === 'request completed');
    for (const line of [step, request]) {
      assert.equal(line[TRACE_KEY], trace, JSON.stringify(line));
      assert.equal(line[SPAN_KEY], '000000000000004a');
      assert.equal(line[SAMPLED_KEY], true);
      assert.deepEqual(line.serviceContext, {
        service: 'prediction-coordinator',
        version: REVISION,
      });
      assert.equal(typeof line['logging.googleapis.com/insertId'], 'string');
    }
    assert.deepEqual(metadataAsked, ['/computeMetadata/v1/project/project-id Google']);
  });

  it('an unsampled traceparent: its span as sent, no trace_sampled', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await post('{ batches(gameDate: "2026-01-29") { id } }', {
      traceparent: `00-${traceId}-00f067aa0ba902b7-00`,
    });
    const line = await server.waitForLog(
      (l) => l[TRACE_KEY] === `projects/nba-props-prod/traces/${traceId}`,
    );
    assert.equal(line[SPAN_KEY], '00f067aa0ba902b7');
    assert.equal(line[SAMPLED_KEY], undefined);
  });

  it("a Scheduler call answered 200 with GraphQL errors is the WARNING line the alert's log-based metric counts", async () => {
    const answer = await post(
      'mutation { checkStalledBatches(stallThresholdMinutes: 10, minCompletionPct: 150) { batchesChecked } }',
      { 'user-agent': 'Google-Cloud-Scheduler', 'x-cloudscheduler': 'true' },
    );
    assert.equal(answer.status, 200);
    // jsonPayload.event="graphql_errors_answered_ok" AND jsonPayload.scheduler=true
    const line = await server.waitForLog((l) => l.event === 'graphql_errors_answered_ok');
    assert.equal(line.severity, 'WARNING');
    assert.equal(line.scheduler, true);
    assert.deepEqual(line.codes, ['BAD_USER_INPUT']);
  });

  it('a line outside any request carries no trace', () => {
    const ready = server.jsonLines().find((l) => l.message === 'prediction-coordinator ready');
    assert.ok(ready);
    assert.equal(ready[TRACE_KEY], undefined);
    assert.equal(ready.severity, 'INFO');
  });
});

describe('the Docker image', () => {
  it('starts the service with the same node flags and entry point as npm run start:prod', () => {
    const { nodeFlags, entry } = productionCommand();
    assert.deepEqual(dockerCommand(), ['node', ...nodeFlags, entry]);
    // The heap settings the memory figures were measured with.
    assert.ok(
      nodeFlags.some((f) => f.startsWith('--max-semi-space-size=')),
      nodeFlags.join(' '),
    );
  });
});
