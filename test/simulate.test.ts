import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from './support/test-app';

/** The compiled script, as `npm run simulate` runs it. */
const SCRIPT = join(__dirname, '..', 'scripts', 'simulate.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function simulate(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      env: { ...process.env, API_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm run simulate against the real service', () => {
  let t: TestApp;

  before(async () => {
    // A small cap, so one run can overstep it and be refused by the service.
    t = await startTestApp({ env: { MAX_PLAYERS_PER_BATCH: '20' } });
  });
  after(async () => t.close());

  it('starts, stages, completes with redeliveries, waits for the consolidation and prints the day', async () => {
    const run = await simulate([
      '--url',
      t.url,
      '--players',
      '12',
      '--predictions',
      '3',
      '--duplicate-rate',
      '0.3',
      '--date',
      '2026-01-30',
      '--seed',
      '7',
      '--timeout',
      '60',
    ]);
    assert.equal(run.code, 0, `exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    assert.match(run.stdout, /36 predictions for 12 players, 0 duplicate keys/);
    assert.match(run.stdout, /Consolidation: batch CONSOLIDATED/);
    assert.match(run.stdout, /the batch counted 12\/12 players once each, 36 predictions reported/);
    // The consolidation figures: 12 staging tables, 36 rows staged and inserted, none dropped.
    assert.match(run.stdout, /BATCH_COMPLETE\s+SUCCEEDED\s+12\s+36\s+36\s+0\s+0\s+0/);
    // Coverage: 12 expected, 12 with predictions, none missing.
    assert.match(run.stdout, /\n\s+12\s+12\s+0\n/);
    // With a 30 % rate and seed 7 some deliveries were repeated, and the batch still counted each player once.
    const redelivered =
      /stagings 12 \(\+(\d+) redelivered\), completions 12 \(\+(\d+) redelivered\)/.exec(
        run.stdout,
      );
    assert.ok(redelivered, run.stdout);
    assert.ok(Number(redelivered[1]) + Number(redelivered[2]) > 0, 'some deliveries were repeated');

    // What the script printed is what the service holds.
    const day = await t.ok<{
      predictionSummary: { predictions: number; players: number; duplicateKeys: number };
    }>(`{ predictionSummary(gameDate: "2026-01-30") { predictions players duplicateKeys } }`);
    assert.deepEqual(day.predictionSummary, { predictions: 36, players: 12, duplicateKeys: 0 });
  });

  it('--help prints the options and exits 0', async () => {
    const run = await simulate(['--help']);
    assert.equal(run.code, 0);
    for (const option of [
      '--url',
      '--api-key',
      '--players',
      '--date',
      '--predictions',
      '--duplicate-rate',
      '--concurrency',
      '--timeout',
    ]) {
      assert.ok(run.stdout.includes(option), `help mentions ${option}`);
    }
  });

  it('a bad option exits 2 and says which', async () => {
    const run = await simulate(['--duplicate-rate', '1.5']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--duplicate-rate must be a number from 0 to 1/);
  });

  it('GraphQL errors are printed with their message and code, and exit 1', async () => {
    // More players than the service's MAX_PLAYERS_PER_BATCH: startBatch refuses them.
    const run = await simulate([
      '--url',
      t.url,
      '--date',
      '2026-01-31',
      '--players',
      '21',
      '--predictions',
      '1',
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /GraphQL errors from /);
    assert.match(
      run.stderr,
      /startBatch failed:\n\s+- \[BAD_USER_INPUT\] players lists 21 players; at most 20 are allowed/,
    );
  });
});

describe('npm run simulate without a service', () => {
  it('exits non-zero with the no-service message on a closed port', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;
    const run = await simulate(['--url', url, '--players', '12', '--predictions', '3']);
    assert.notEqual(run.code, 0);
    assert.equal(run.code, 1);
    assert.ok(run.stderr.includes(`no service at ${url}`), run.stderr);
    assert.ok(run.stderr.includes('start it with `npm start`'), run.stderr);
    assert.equal(run.stdout, '');
  });
});

describe('npm run simulate when the batch does not consolidate', () => {
  let server: Server;
  let url: string;

  before(async () => {
    // A stand-in that accepts everything but never consolidates (its cron is "off").
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { query } = JSON.parse(body) as { query: string };
        const batch = {
          id: 'b20260130_1',
          gameDate: '2026-01-30',
          status: 'OPEN',
          expectedPlayers: 2,
          pendingPlayers: [],
        };
        const data = query.includes('startBatch')
          ? { startBatch: { created: true, batch } }
          : query.includes('stagePredictions')
            ? { stagePredictions: { batchId: batch.id, playerLookup: 'x', rowsStaged: 1 } }
            : query.includes('recordCompletion')
              ? {
                  recordCompletion: {
                    batchComplete: true,
                    consolidationTriggered: false,
                    batch: { id: batch.id, completedPlayers: 2 },
                  },
                }
              : query.includes('batch(')
                ? {
                    batch: {
                      ...batch,
                      supersededBy: null,
                      completedPlayers: 2,
                      predictionsReported: 2,
                      completionPct: 100,
                      consolidations: [],
                    },
                  }
                : { __typename: 'Query' };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  after(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says so after --timeout, suggests consolidateBatch and exits 3', async () => {
    const run = await simulate([
      '--url',
      url,
      '--players',
      '2',
      '--predictions',
      '1',
      '--date',
      '2026-01-30',
      '--timeout',
      '1',
    ]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /batch b20260130_1 is still OPEN after 1 s/);
    assert.match(run.stderr, /consolidateBatch\(batchId: "b20260130_1"\)/);
  });
});
