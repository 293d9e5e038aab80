import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const MAIN = join(__dirname, '..', 'src', 'main.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the production entry point; stops it (SIGTERM) once it says it is ready. */
function startMain(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      // Development reads ./.env: a temporary folder has none, a checkout may.
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        LOG_LEVEL: 'info',
        CONSOLIDATION_CRON_ENABLED: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('prediction-coordinator ready')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the start command and credentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-start-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('outside production with no credential: starts with auth off and warns about it', async () => {
    const run = await startMain({ NODE_ENV: 'development', DUCKDB_PATH: join(dir, 'dev.duckdb') });
    const lines = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { severity?: string; message?: string });
    const warning = lines.find((l) => /authentication is OFF/.test(l.message ?? ''));
    assert.ok(warning, `expected the auth-off warning in:\n${run.stdout}\n${run.stderr}`);
    assert.equal(warning.severity, 'WARNING');
    assert.match(run.stdout, /prediction-coordinator ready/);
  });

  it('in production with no credential: refuses to start and says why', async () => {
    const run = await startMain({ NODE_ENV: 'production', DUCKDB_PATH: join(dir, 'prod.duckdb') });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /API_KEYS.*AUTH_AUDIENCE.*refusing to start without a credential/);
    assert.doesNotMatch(run.stdout, /prediction-coordinator ready/);
  });

  it('in production with an API key: starts without the warning', async () => {
    const run = await startMain({
      NODE_ENV: 'production',
      API_KEYS: 'k-production-0123456789abcdef0123456',
      DUCKDB_PATH: join(dir, 'prod-key.duckdb'),
    });
    assert.match(run.stdout, /prediction-coordinator ready/);
    assert.doesNotMatch(run.stdout, /authentication is OFF|shorter than 32/);
  });

  it('in production with a one-character API key: refuses to start, saying keys need 32 characters', async () => {
    const run = await startMain({
      NODE_ENV: 'production',
      API_KEYS: 'k',
      DUCKDB_PATH: join(dir, 'prod-short.duckdb'),
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /API_KEYS must each have at least 32 characters when NODE_ENV=production/,
    );
    assert.doesNotMatch(run.stdout, /prediction-coordinator ready/);
  });

  it('outside production with a short API key: starts and warns that production would refuse it', async () => {
    const run = await startMain({
      NODE_ENV: 'development',
      API_KEYS: 'k1',
      DUCKDB_PATH: join(dir, 'dev-short.duckdb'),
    });
    assert.match(run.stdout, /prediction-coordinator ready/);
    const warning = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { severity?: string; message?: string })
      .find((l) => /shorter than 32 characters/.test(l.message ?? ''));
    assert.equal(warning?.severity, 'WARNING');
  });
});
