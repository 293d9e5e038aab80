import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BUNDLE_ENTRY } from '../scripts/bundle';
import { isSupportedNode, MINIMUM_NODE } from '../src/node-version';
import { PROJECT_ROOT } from './support/paths';
import { ServerProcess } from './support/server-process';
import { productionCommand } from './support/service-command';

/** The production entry, the one the message names: `npx node dist/src/bundled-main.js`. */
const ENTRY = productionCommand().entry;
const MAIN = join(PROJECT_ROOT, ENTRY);
const KEY = 'k-from-dotenv-0123456789abcdef0123456';

/** A `node` on the PATH older than the service needs (machines here ship Node 20), if any. */
function olderNodeOnPath(): { path: string; version: string } | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, 'node');
    try {
      accessSync(path, constants.X_OK);
    } catch {
      continue;
    }
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim().slice(1);
    if (version && !isSupportedNode(version)) return { path, version };
  }
  return undefined;
}

describe('starting on a developer machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-dev-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('on a Node older than 22.12: one CRITICAL line saying which Node and how to get it, exit 1', (ctx) => {
    const old = olderNodeOnPath();
    if (!old) {
      ctx.skip('no Node older than 22.12 on the PATH to try');
      return;
    }
    const run = spawnSync(old.path, [MAIN], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: '0' },
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    const line = JSON.parse(lines[0] ?? '') as { severity: string; message: string };
    assert.equal(line.severity, 'CRITICAL');
    assert.match(
      line.message,
      new RegExp(`needs Node 22\\.12\\.0 or newer; this is Node ${old.version}`),
    );
    assert.ok(line.message.includes(`npx node ${ENTRY}`), line.message);
    assert.doesNotMatch(run.stderr, /enableCompileCache/);
  });

  it('the minimum it names is the one package.json declares', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    assert.equal(pkg.engines.node, `>=${MINIMUM_NODE.replace(/\.0$/, '')}`);
    assert.equal(isSupportedNode('22.11.0'), false);
    assert.equal(isSupportedNode('22.12.0'), true);
    assert.equal(isSupportedNode('24.0.0'), true);
  });

  describe('with a .env file in the working directory', () => {
    const work = mkdtempSync(join(tmpdir(), 'coordinator-dotenv-'));
    writeFileSync(
      join(work, '.env'),
      [
        `API_KEYS=${KEY}`,
        'PORT=0',
        'LOG_LEVEL=info',
        `DUCKDB_PATH=${join(work, 'dev.duckdb')}`,
        'CONSOLIDATION_CRON_ENABLED=false',
      ].join('\n'),
    );
    const servers: ServerProcess[] = [];
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      rmSync(work, { recursive: true, force: true });
    });

    it('in development, starts with its settings (the API key) and names the variables it read, never their values', async () => {
      const server = new ServerProcess({ NODE_ENV: 'development' }, [], work);
      servers.push(server);
      const ready = await server.waitForLog((l) => l.message === 'prediction-coordinator ready');
      const read = await server.waitForLog((l) => String(l.message).includes('read from .env'));
      assert.deepEqual(read.variables, [
        'API_KEYS',
        'CONSOLIDATION_CRON_ENABLED',
        'DUCKDB_PATH',
        'LOG_LEVEL',
        'PORT',
      ]);
      assert.ok(!server.stdout.some((l) => l.includes(KEY)), 'the key is in no log line');
      const url = `http://127.0.0.1:${String(ready.port)}/graphql`;
      const ask = (headers: Record<string, string>) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ batches { id } }' }),
        });
      assert.equal((await ask({})).status, 401, 'authentication is on: the key came from .env');
      assert.equal((await ask({ 'x-api-key': KEY })).status, 200);
    });

    it('in production, ignores it: no credential, no start', async () => {
      const server = new ServerProcess({ NODE_ENV: 'production' }, [], work);
      servers.push(server);
      assert.equal(await server.exitCode(), 1);
      assert.match(server.stderr.join('\n'), /API_KEYS or AUTH_AUDIENCE must be set/);
    });
  });

  it('nest-cli.json builds and starts the entry point the production bundle is made of', () => {
    const cli = JSON.parse(readFileSync(join(PROJECT_ROOT, 'nest-cli.json'), 'utf8')) as {
      entryFile: string;
      compilerOptions: { tsConfigPath: string };
    };
    // Watch mode runs main.js unbundled; the start command runs the bundle built from it.
    assert.equal(join(PROJECT_ROOT, 'dist', `${cli.entryFile}.js`), BUNDLE_ENTRY);
    const build = JSON.parse(
      readFileSync(join(PROJECT_ROOT, cli.compilerOptions.tsConfigPath), 'utf8'),
    ) as { extends: string };
    assert.equal(build.extends, './tsconfig.json');
  });
});
