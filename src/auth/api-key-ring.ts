import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The configured API keys (several at once, so a key can be rotated without downtime).
 * A candidate is compared with every key as equal-length digests in constant time, and
 * the loop never stops early, so timing tells nothing about which key or prefix matched.
 */
export class ApiKeyRing {
  private readonly digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get isEmpty(): boolean {
    return this.digests.length === 0;
  }

  matches(candidate: string): boolean {
    const presented = digest(candidate);
    let matched = false;
    for (const key of this.digests) matched = timingSafeEqual(presented, key) || matched;
    return matched;
  }
}
