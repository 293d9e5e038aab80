import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadDotEnv } from './dotenv';

describe('loadDotEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-dotenv-'));
  const file = join(dir, '.env');
  writeFileSync(file, '# local settings\nLOG_LEVEL=debug\nPORT=9090\nAPI_KEYS="k-one,k-two"\n');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('in development, sets what the environment does not and keeps what it does', () => {
    const env: NodeJS.ProcessEnv = { PORT: '8081' };
    const loaded = loadDotEnv(env, file);
    assert.deepEqual(env, { PORT: '8081', LOG_LEVEL: 'debug', API_KEYS: 'k-one,k-two' });
    assert.deepEqual(loaded?.variables, ['API_KEYS', 'LOG_LEVEL']);
    assert.equal(loaded?.path, file);
  });

  it('reads nothing in production or test', () => {
    for (const NODE_ENV of ['production', 'test']) {
      const env: NodeJS.ProcessEnv = { NODE_ENV };
      assert.equal(loadDotEnv(env, file), undefined);
      assert.deepEqual(env, { NODE_ENV });
    }
  });

  it('is quiet when there is no file', () => {
    const env: NodeJS.ProcessEnv = {};
    assert.equal(loadDotEnv(env, join(dir, 'missing.env')), undefined);
    assert.deepEqual(env, {});
  });
});
