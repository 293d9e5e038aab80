import type { WarehouseError } from '../../warehouse-client';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 20_000 };

/**
 * Runs `work` until it succeeds, fails with an error that is not retryable, or has used
 * every attempt; `failure` turns what it threw into a WarehouseError (and says whether it
 * is retryable), `onRetry` hears each retry before its backoff.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  work: () => Promise<T>,
  failure: (error: unknown) => WarehouseError,
  onRetry: (failed: WarehouseError, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const failed = failure(error);
      if (!failed.retryable || attempt >= policy.attempts) throw failed;
      const delay = backoff(policy, attempt);
      onRetry(failed, attempt, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Exponential backoff with full jitter, capped. */
function backoff(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
