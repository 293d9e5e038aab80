import { COMPLETE, STAGE, START } from './consolidation-api';
import type { GraphqlResponse, TestApp } from './test-app';

/** The codes a real worker retries on; anything else is a bug in the request or the service. */
const RETRYABLE = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

/** What callers saw across their attempts, for assertions. */
export class RetryStats {
  attempts = 0;
  readonly errorsByCode = new Map<string, number>();

  count(code: string): number {
    return this.errorsByCode.get(code) ?? 0;
  }
}

/**
 * Calls like a worker: on a retryable error it waits a little and sends the same request
 * again; any other error fails the test. Gives up after `maxAttempts`.
 */
export async function untilAccepted<T>(
  stats: RetryStats,
  call: () => Promise<GraphqlResponse<T>>,
  maxAttempts = 40,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    stats.attempts++;
    const response = await call();
    if (!response.errors?.length && response.data) return response.data;
    const codes = (response.errors ?? []).map((e) => String(e.extensions?.code));
    for (const code of codes) stats.errorsByCode.set(code, stats.count(code) + 1);
    if (!codes.every((c) => RETRYABLE.has(c)) || attempt >= maxAttempts) {
      throw new Error(
        `request refused after ${attempt} attempt(s): ${JSON.stringify(response.errors)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2 + attempt * 3));
  }
}

/** The scheduler and the workers, retrying as they do in production. */
export function retryingWorkers(t: TestApp, stats: RetryStats) {
  return {
    async start(gameDate: string, players: readonly string[]): Promise<string> {
      const data = await untilAccepted(stats, () =>
        t.gql<{ startBatch: { batch: { id: string } } }>(START, { input: { gameDate, players } }),
      );
      return data.startBatch.batch.id;
    },
    async stage(
      batchId: string,
      playerLookup: string,
      predictions: readonly Record<string, unknown>[],
    ) {
      await untilAccepted(stats, () =>
        t.gql(STAGE, { input: { batchId, playerLookup, predictions } }),
      );
    },
    async complete(batchId: string, playerLookup: string, predictionsCount: number) {
      const data = await untilAccepted(stats, () =>
        t.gql<{ recordCompletion: { consolidationTriggered: boolean } }>(COMPLETE, {
          input: { batchId, playerLookup, predictionsCount },
        }),
      );
      return data.recordCompletion;
    },
  };
}
