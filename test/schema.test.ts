import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import {
  buildClientSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { generateSchema, HEADER, REGENERATE, SCHEMA_FILE } from '../scripts/generate-schema';
import { ServerProcess } from './support/server-process';

/** Where two texts first differ, as a short report. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return [
    `first difference at line ${at + 1}:`,
    `  schema.gql: ${a[at] ?? '(end of file)'}`,
    `  the code:   ${b[at] ?? '(end of file)'}`,
  ].join('\n');
}

it('schema.gql is the schema the code defines (regenerate it when you change GraphQL types)', async () => {
  const generated = await generateSchema();
  const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (committed === generated) return;
  assert.fail(
    [
      committed === ''
        ? 'schema.gql is missing.'
        : 'schema.gql is stale: the GraphQL types changed.',
      `Regenerate it with \`${REGENERATE}\` and commit schema.gql.`,
      committed === '' ? '' : firstDifference(committed, generated),
    ].join('\n'),
  );
});

it('the production bundle serves that schema: every type keeps the name its class gives it', async () => {
  // The bundle puts every module in one scope; a class it renamed there would rename its type.
  const dir = mkdtempSync(join(tmpdir(), 'coordinator-bundle-schema-'));
  const server = new ServerProcess({
    PORT: '0',
    LOG_LEVEL: 'info',
    DUCKDB_PATH: join(dir, 'coordinator.duckdb'),
    CONSOLIDATION_CRON_ENABLED: 'false',
  });
  try {
    const ready = await server.waitForLog((l) => l.message === 'prediction-coordinator ready');
    const answer = await fetch(`http://127.0.0.1:${String(ready.port)}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery({ specifiedByUrl: true }) }),
    });
    const { data } = (await answer.json()) as { data: IntrospectionQuery };
    const served = printSchema(lexicographicSortSchema(buildClientSchema(data)));
    assert.equal(`${HEADER}${served}\n`, readFileSync(SCHEMA_FILE, 'utf8'));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
