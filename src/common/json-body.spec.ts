import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonShapeProblem } from './json-body';

const bounds = { maxDepth: 32, maxContainers: 64_000, maxItems: 256_000 };

function body(variables: string): string {
  return `{"query":"mutation($input: StagePredictionsInput!) { stagePredictions(input: $input) { rowsStaged } }","variables":${variables}}`;
}

describe('jsonShapeProblem', () => {
  it('lets through a worker’s largest request: 1,000 full rows with lists and JSON', () => {
    const row = {
      predictionId: 'p-1',
      keyFactors: { pace: { last5: [1, 2, 3] }, note: 'a } ] " \\ , {' },
      warnings: ['thin sample', 'stale line'],
      ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`field${i}`, i])),
    };
    const text = body(JSON.stringify({ input: { predictions: new Array(1000).fill(row) } }));
    assert.equal(jsonShapeProblem(text, bounds), undefined);
  });

  it('refuses 1.7 million empty rows before anything is built', () => {
    const text = body(`{"input":{"predictions":[${new Array(1_747_000).fill('{}').join(',')}]}}`);
    const started = performance.now();
    assert.equal(
      jsonShapeProblem(text, bounds),
      'The request holds more than 64000 objects and lists',
    );
    assert.ok(performance.now() - started < 1_000);
  });

  it('refuses a flat list of millions of values, and nesting past the variables’ bound', () => {
    assert.equal(
      jsonShapeProblem(body(`{"x":[${new Array(300_000).fill(0).join(',')}]}`), bounds),
      'The request holds more than 256000 values',
    );
    const deep = (n: number) => `{"x":${'['.repeat(n)}${']'.repeat(n)}}`;
    assert.equal(jsonShapeProblem(body(deep(32)), bounds), undefined);
    assert.equal(
      jsonShapeProblem(body(deep(33)), bounds),
      'Variables may be nested at most 32 levels deep',
    );
  });

  it('does not count brackets, commas or escaped quotes inside strings', () => {
    const inString = `"${'[{,'.repeat(100_000)}\\"${'}],'.repeat(100_000)}"`;
    assert.equal(jsonShapeProblem(body(`{"x":${inString}}`), bounds), undefined);
  });
});
