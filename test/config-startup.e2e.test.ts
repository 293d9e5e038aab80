import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ServerProcess } from './support/server-process';

/**
 * Configuration that would bring incidents back stops the production start command at once,
 * with one CRITICAL line naming the variable: never a service that starts and merges wrong.
 */
describe('the start command refuses configuration that brings incidents back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts the service with `env`; returns its exit code and the CRITICAL message it printed. */
  async function start(name: string, env: Record<string, string>) {
    const server = new ServerProcess({
      PORT: '0',
      LOG_LEVEL: 'info',
      DUCKDB_PATH: join(dir, `${name}.duckdb`),
      ...env,
    });
    try {
      const code = await server.exitCode(20_000);
      const critical = server.stderr
        .map((line) => JSON.parse(line) as { severity?: string; message?: string })
        .find((line) => line.severity === 'CRITICAL');
      return { code, message: critical?.message ?? '', ready: server.stdout.join('\n') };
    } finally {
      await server.stop();
    }
  }

  it('a BUSINESS_KEY column the target lacks', async () => {
    const run = await start('unknown-column', {
      BUSINESS_KEY: 'game_date,game_id,player_lookup,system_id,points_line',
    });
    assert.equal(run.code, 1);
    assert.match(
      run.message,
      /^Invalid configuration: BUSINESS_KEY names column\(s\) the target table player_prop_predictions lacks: points_line/,
    );
    assert.doesNotMatch(run.ready, /prediction-coordinator ready/);
  });

  it('a BUSINESS_KEY without system_id (incident 22: 85% of two days wrongly deactivated)', async () => {
    const run = await start('no-system', {
      BUSINESS_KEY: 'game_date,game_id,player_lookup,current_points_line',
    });
    assert.equal(run.code, 1);
    assert.match(run.message, /BUSINESS_KEY must contain system_id/);
  });

  it('a CONSOLIDATION_CRON the cron library refuses, even one that looks like five fields', async () => {
    const run = await start('bad-cron', {
      CONSOLIDATION_CRON: 'a b c d e',
      CONSOLIDATION_CRON_ENABLED: 'true',
    });
    assert.equal(run.code, 1);
    assert.match(
      run.message,
      /CONSOLIDATION_CRON must be a cron expression the scheduler accepts, e\.g\. \*\/5 \* \* \* \* \(Unknown alias: a\) \(got "a b c d e"\)/,
    );
  });
});
