import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { it } from 'node:test';
import { generateSchema, REGENERATE, SCHEMA_FILE } from '../scripts/generate-schema';

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
