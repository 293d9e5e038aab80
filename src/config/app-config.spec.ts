import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppConfig, ConfigError } from './app-config';

/** Asserts the configuration is refused with a message matching every pattern. */
function refuses(env: Record<string, string>, ...patterns: RegExp[]): void {
  assert.throws(
    () => AppConfig.fromEnv(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      for (const pattern of patterns) assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('AppConfig.fromEnv', () => {
  it('starts on DuckDB with the documented defaults when nothing is set', () => {
    const config = AppConfig.fromEnv({});
    assert.equal(config.values.WAREHOUSE, 'duckdb');
    assert.equal(config.values.PORT, 8080);
    assert.equal(config.values.STALL_THRESHOLD_MINUTES, 10);
    assert.equal(config.values.MIN_COMPLETION_PCT, 90);
    assert.equal(config.values.CONSOLIDATION_CRON, '*/5 * * * *');
    assert.equal(config.values.MAX_PLAYERS_PER_BATCH, 10_000);
    assert.equal(config.isProduction, false);
    assert.equal(config.authEnabled, false);
    if (config.values.WAREHOUSE === 'duckdb') {
      assert.equal(config.values.DUCKDB_PATH, './data/coordinator.duckdb');
    }
  });

  it('reads values as typed: numbers, booleans and comma-separated lists', () => {
    const config = AppConfig.fromEnv({
      PORT: '9000',
      MIN_COMPLETION_PCT: '87.5',
      CONSOLIDATION_CRON_ENABLED: 'false',
      API_KEYS: ' k1, k2 ,,',
    });
    assert.equal(config.values.PORT, 9000);
    assert.equal(config.values.MIN_COMPLETION_PCT, 87.5);
    assert.equal(config.values.CONSOLIDATION_CRON_ENABLED, false);
    assert.deepEqual(config.values.API_KEYS, ['k1', 'k2']);
    assert.equal(config.authEnabled, true);
  });

  it('treats an empty variable as unset', () => {
    assert.equal(AppConfig.fromEnv({ PORT: '' }).values.PORT, 8080);
  });

  it('refuses PORT=abc, naming the variable, what is allowed and what it got', () => {
    refuses({ PORT: 'abc' }, /PORT/, /whole number from 0 to 65535/, /"abc"/);
  });

  it('refuses a PORT out of range or fractional', () => {
    refuses({ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/);
    refuses({ PORT: '80.5' }, /PORT must be a whole number from 0 to 65535/);
  });

  it('refuses WAREHOUSE=postgres, listing the engines it can use', () => {
    refuses({ WAREHOUSE: 'postgres' }, /WAREHOUSE/, /duckdb/, /bigquery/, /"postgres"/);
  });

  it('refuses MIN_COMPLETION_PCT=150: a percentage is 0 to 100', () => {
    refuses({ MIN_COMPLETION_PCT: '150' }, /MIN_COMPLETION_PCT/, /from 0 to 100/, /"150"/);
  });

  it('refuses WAREHOUSE=bigquery without BIGQUERY_PROJECT', () => {
    refuses(
      { WAREHOUSE: 'bigquery' },
      /BIGQUERY_PROJECT/,
      /required when WAREHOUSE=bigquery/,
      /unset/,
    );
  });

  it('accepts WAREHOUSE=bigquery with a project, with its defaults', () => {
    const config = AppConfig.fromEnv({ WAREHOUSE: 'bigquery', BIGQUERY_PROJECT: 'nba-props' });
    assert.equal(config.values.WAREHOUSE, 'bigquery');
    if (config.values.WAREHOUSE === 'bigquery') {
      assert.equal(config.values.BIGQUERY_DATASET, 'nba_predictions');
    }
  });

  it('refuses values of the wrong kind for enums, booleans and cron', () => {
    refuses({ LOG_LEVEL: 'loud' }, /LOG_LEVEL/, /info/);
    refuses(
      { CONSOLIDATION_CRON_ENABLED: 'yes' },
      /CONSOLIDATION_CRON_ENABLED must be true or false/,
    );
    refuses({ CONSOLIDATION_CRON: 'often' }, /CONSOLIDATION_CRON must be a cron expression/);
  });

  it('validates CONSOLIDATION_CRON with the cron library: five words are not enough', () => {
    refuses(
      { CONSOLIDATION_CRON: 'a b c d e' },
      /CONSOLIDATION_CRON must be a cron expression the scheduler accepts/,
      /Unknown alias: a/,
      /"a b c d e"/,
    );
    refuses({ CONSOLIDATION_CRON: '61 * * * *' }, /CONSOLIDATION_CRON .*out of range/);
    refuses({ CONSOLIDATION_CRON: '0 0 31 2 *' }, /CONSOLIDATION_CRON .*\(it never fires\)/);
    for (const ok of ['*/5 * * * *', '0 */10 * * * *', '@hourly'])
      assert.equal(AppConfig.fromEnv({ CONSOLIDATION_CRON: ok }).values.CONSOLIDATION_CRON, ok);
  });

  it('refuses a BUSINESS_KEY without system_id or player_lookup, malformed or with a column twice', () => {
    refuses(
      { BUSINESS_KEY: 'game_date,game_id,player_lookup,current_points_line' },
      /BUSINESS_KEY must contain system_id: superseded rows are deactivated per business key less the line/,
    );
    refuses(
      { BUSINESS_KEY: 'game_date,game_id,system_id' },
      /BUSINESS_KEY must contain player_lookup/,
    );
    refuses(
      { BUSINESS_KEY: 'player_lookup,system_id,system_id,Line;--' },
      /BUSINESS_KEY must list column names .*: Line;--/,
      /BUSINESS_KEY names a column twice: system_id/,
    );
    assert.deepEqual(
      AppConfig.fromEnv({ BUSINESS_KEY: 'game_id, player_lookup, system_id' }).values.BUSINESS_KEY,
      ['game_id', 'player_lookup', 'system_id'],
    );
  });

  it('reports every invalid variable at once', () => {
    refuses({ PORT: 'abc', MIN_COMPLETION_PCT: '150' }, /PORT/, /MIN_COMPLETION_PCT/);
  });

  it('refuses NODE_ENV=production without a credential', () => {
    refuses({ NODE_ENV: 'production' }, /API_KEYS or AUTH_AUDIENCE/, /NODE_ENV=production/);
    refuses({ NODE_ENV: 'production', API_KEYS: ' , ' }, /API_KEYS or AUTH_AUDIENCE/);
  });

  it('accepts production with an API key or an ID-token audience', () => {
    const key = 'k'.repeat(32);
    assert.equal(AppConfig.fromEnv({ NODE_ENV: 'production', API_KEYS: key }).isProduction, true);
    const withAudience = AppConfig.fromEnv({
      NODE_ENV: 'production',
      AUTH_AUDIENCE: 'https://coordinator.example',
    });
    assert.equal(withAudience.authEnabled, true);
  });

  it('refuses in production an API key shorter than 32 characters, without repeating any key', () => {
    const good = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    for (const keys of ['x', `${good},short-but-secret`, 'k'.repeat(31)]) {
      assert.throws(
        () => AppConfig.fromEnv({ NODE_ENV: 'production', API_KEYS: keys }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(
            error.message,
            /API_KEYS must each have at least 32 characters when NODE_ENV=production \(1 of \d shorter\)/,
          );
          assert.doesNotMatch(error.message, /short-but-secret|a1b2c3|kkkk|"x"/);
          return true;
        },
      );
    }
    assert.deepEqual(
      AppConfig.fromEnv({ NODE_ENV: 'production', API_KEYS: good }).values.API_KEYS,
      [good],
    );
    // Outside production a short key is accepted (with a warning at start).
    assert.deepEqual(AppConfig.fromEnv({ API_KEYS: 'x' }).values.API_KEYS, ['x']);
  });
});
