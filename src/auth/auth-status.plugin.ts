import type { ApolloServerPlugin } from '@apollo/server';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/**
 * A refused credential answers 401/403, not 200: callers such as Cloud Scheduler judge a
 * call by its HTTP status, and a refused checkStalledBatches must not count as a success.
 * Only when nothing was answered (data null): a partial answer keeps its 200.
 */
export function authStatusPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const { data, errors } = response.body.singleResult;
          const status = errors
            ?.map((e) => STATUS[String(e.extensions?.code)])
            .find((s) => s !== undefined);
          if (status !== undefined && (data === null || data === undefined))
            response.http.status = status;
          return Promise.resolve();
        },
      });
    },
  };
}
