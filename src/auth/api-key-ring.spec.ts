import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiKeyRing } from './api-key-ring';

describe('ApiKeyRing', () => {
  const ring = new ApiKeyRing(['k-old-2f9c1e7a', 'k-new-8a4d2c9e']);

  it('accepts every configured key, so a key can be rotated without downtime', () => {
    assert.equal(ring.matches('k-old-2f9c1e7a'), true);
    assert.equal(ring.matches('k-new-8a4d2c9e'), true);
  });

  it('refuses near misses: a prefix, a suffix, another case, padding, both keys joined, nothing', () => {
    for (const candidate of [
      'k-new-8a4d2c9',
      'k-new-8a4d2c9e0',
      'K-NEW-8A4D2C9E',
      ' k-new-8a4d2c9e',
      'k-old-2f9c1e7a,k-new-8a4d2c9e',
      '',
    ]) {
      assert.equal(ring.matches(candidate), false, JSON.stringify(candidate));
    }
  });

  it('with no keys accepts nothing', () => {
    const empty = new ApiKeyRing([]);
    assert.equal(empty.isEmpty, true);
    assert.equal(empty.matches(''), false);
  });
});
