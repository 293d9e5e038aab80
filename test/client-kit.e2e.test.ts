import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generate } from '@graphql-codegen/cli';
import ts from 'typescript';
import codegen from '../codegen';
import { PROJECT_ROOT } from './support/paths';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A tool's typed client, as README's "A typed client" makes it: codegen.ts and the
 * operations in client/operations generate types and documents; a script using them
 * compiles under strict TypeScript, a wrong scalar does not, and it runs a day against the
 * real server.
 */
const TOOL = `
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  DateAtAGlanceDocument,
  RecordCompletionDocument,
  StagePredictionsDocument,
  StartBatchDocument,
  type StartBatchMutationVariables,
} from './generated/graphql';

export async function request<R, V>(url: string, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: R; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

// @ts-expect-error a Date is a string (YYYY-MM-DD), never a number
const wrong: StartBatchMutationVariables = { input: { gameDate: 20260130, players: [] } };
void wrong;

export async function day(url: string, gameDate: string, players: string[]) {
  const { startBatch } = await request(url, StartBatchDocument, { input: { gameDate, players } });
  const batchId: string = startBatch.batch.id;
  for (const player of players) {
    await request(url, StagePredictionsDocument, {
      input: {
        batchId,
        playerLookup: player,
        predictions: [{
          predictionId: player + '-1', systemId: 'catboost_v9', playerLookup: player, gameDate,
          gameId: gameDate.replaceAll('-', '') + '_GSW_LAL', predictedPoints: 27.5,
          confidenceScore: 71.25, recommendation: 'OVER', currentPointsLine: 26.5,
        }],
      },
    });
    await request(url, RecordCompletionDocument, { input: { batchId, playerLookup: player, predictionsCount: 1 } });
  }
  for (let i = 0; i < 100; i++) {
    const glance = await request(url, DateAtAGlanceDocument, { gameDate });
    const predictions: number = glance.predictionSummary.predictions;
    if (predictions === players.length) return glance;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('not consolidated');
}
`;

interface Glance {
  predictionSummary: { predictions: number; players: number; duplicateKeys: number };
  coverage: { expectedPlayers: number; playersWithPredictions: number; missingPlayers: string[] };
}

describe('client kit: a typed client generated from codegen.ts', () => {
  // Inside the project, so the generated code and the tool resolve its node_modules.
  const dir = join(PROJECT_ROOT, 'dist', `client-kit-${process.pid}`);
  let t: TestApp;
  before(async () => {
    mkdirSync(dir, { recursive: true });
    t = await startTestApp();
  });
  after(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates, compiles strictly, refuses a wrong scalar, and runs a day', async () => {
    const [target] = Object.values(codegen.generates);
    assert.ok(target, 'codegen.ts has an output');
    await generate(
      {
        ...codegen,
        cwd: PROJECT_ROOT,
        silent: true,
        generates: { [join(dir, 'generated') + '/']: target },
      },
      true,
    );
    const generated = readFileSync(join(dir, 'generated', 'graphql.ts'), 'utf8');
    // Every operation in client/operations has its typed document.
    const operations = readdirSync(join(PROJECT_ROOT, 'client', 'operations'))
      .map((file) => readFileSync(join(PROJECT_ROOT, 'client', 'operations', file), 'utf8'))
      .flatMap((text) => [...text.matchAll(/^(?:query|mutation) (\w+)/gm)].map((m) => m[1]));
    assert.ok(operations.length >= 17, `operations: ${operations.join(', ')}`);
    for (const name of operations)
      assert.match(generated, new RegExp(`export const ${name}Document = `), name);
    // The scalars travel as the service sends them.
    assert.match(generated, /occurredAt: string/);
    assert.match(generated, /payload: unknown/);

    writeFileSync(join(dir, 'tool.ts'), TOOL);
    const program = ts.createProgram([join(dir, 'tool.ts')], {
      strict: true,
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
      esModuleInterop: true,
      outDir: dir,
    });
    const emitted = program.emit();
    const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    );
    assert.deepEqual(problems, []);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tool = require(join(dir, 'tool.js')) as {
      day(url: string, gameDate: string, players: string[]): Promise<Glance>;
    };
    const glance = await tool.day(t.url, '2026-02-14', ['stephencurry', 'lebronjames']);
    const { predictions, players, duplicateKeys } = glance.predictionSummary;
    assert.deepEqual(
      { predictions, players, duplicateKeys },
      {
        predictions: 2,
        players: 2,
        duplicateKeys: 0,
      },
    );
    assert.deepEqual(glance.coverage, {
      expectedPlayers: 2,
      playersWithPredictions: 2,
      missingPlayers: [],
    });
  });

  it('serves GraphiQL at /graphql where introspection is on (outside production)', async () => {
    const page = await fetch(t.url, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>GraphiQL<\/title>/);
    const closed = await startTestApp({ env: { INTROSPECTION: 'false' } });
    try {
      const none = await fetch(closed.url, { headers: { accept: 'text/html' } });
      assert.doesNotMatch(await none.text(), /GraphiQL/);
    } finally {
      await closed.close();
    }
    const key = 'k'.repeat(32);
    const guarded = await startTestApp({ env: { API_KEYS: key } });
    try {
      const refused = await fetch(guarded.url, { headers: { accept: 'text/html' } });
      assert.equal(refused.status, 401);
      const page = await fetch(guarded.url, { headers: { accept: 'text/html', 'x-api-key': key } });
      assert.match(await page.text(), /<title>GraphiQL<\/title>/);
    } finally {
      await guarded.close();
    }
  });
});
