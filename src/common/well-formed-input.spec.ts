import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputProblem } from './well-formed-input';

const bounds = { maxDepth: 32, maxItems: 1000 };

/** A value nested `depth` levels deep, built from JSON text: no recursion builds it. */
function nested(depth: number): unknown {
  return JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

describe('inputProblem', () => {
  it('accepts what a worker sends: rows with a few levels of keyFactors', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      predictionId: `p-${i}`,
      keyFactors: { pace: { last5: [1, 2, 3] }, note: 'é 💥' },
    }));
    assert.equal(inputProblem({ input: { predictions: rows } }, bounds), undefined);
    assert.equal(inputProblem({ x: nested(31) }, bounds), undefined);
  });

  it('refuses a value nested past the bound with a fixed message, however deep (no stack overflow)', () => {
    for (const depth of [33, 10_000, 1_000_000]) {
      assert.deepEqual(inputProblem({ x: nested(depth) }, bounds), {
        kind: 'too-deep',
        message: 'Variables may be nested at most 32 levels deep',
      });
    }
    assert.equal(
      inputProblem({ x: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown }, bounds)
        ?.kind,
      'too-deep',
    );
  });

  it('refuses a list or object larger than any input accepts before looking at its items', () => {
    const problem = inputProblem({ input: { predictions: new Array(1_747_560).fill({}) } }, bounds);
    assert.deepEqual(problem, {
      kind: 'too-long',
      message: 'Variable $.input.predictions holds 1747560 items, more than any input accepts',
    });
    const wide = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i]));
    assert.equal(inputProblem({ keyFactors: wide }, bounds)?.kind, 'too-long');
  });

  it('names where a lone surrogate is, in a value or a key', () => {
    assert.match(
      inputProblem({ a: [{ b: 'x\ud800' }] }, bounds)?.message ?? '',
      /\$\.a\[0\]\.b is not well-formed/,
    );
    assert.match(inputProblem({ a: { 'k\udfff': 1 } }, bounds)?.message ?? '', /\$\.a \(a key\)/);
  });
});
