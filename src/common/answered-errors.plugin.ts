import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';

/** Cloud Scheduler's HTTP targets send this User-Agent, and X-CloudScheduler: true. */
const SCHEDULER = /Google-Cloud-Scheduler/i;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function codeOf(code: unknown): string {
  return typeof code === 'string' ? code : 'UNKNOWN';
}

export const GRAPHQL_ERRORS_EVENT = 'graphql_errors_answered_ok';

/**
 * One line for every response that carries GraphQL errors with a success status (2xx):
 * Cloud Scheduler, like any HTTP client, counts that call as succeeded, so only the logs can
 * say it was not. `scheduler: true` when the caller is Cloud Scheduler (WARNING, for the
 * log-based metric an alert watches); INFO for other callers. Refusals answered with an
 * error status (400, 401...) are seen, and retried, by the caller.
 */
export function answeredErrorsPlugin(): ApolloServerPlugin {
  const logger = new Logger('GraphQL');
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response, contextValue, operationName }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const errors = response.body.singleResult.errors ?? [];
          const status = response.http.status ?? 200;
          if (errors.length === 0 || status >= 300) return Promise.resolve();
          const req = (contextValue as { req?: IncomingMessage & { id?: unknown } }).req;
          const userAgent = req?.headers['user-agent'] ?? '';
          const schedulerJob = single(req?.headers['x-cloudscheduler-jobname']);
          const scheduler =
            SCHEDULER.test(userAgent) || single(req?.headers['x-cloudscheduler']) === 'true';
          const fields = {
            event: GRAPHQL_ERRORS_EVENT,
            scheduler,
            httpStatus: status,
            operationName: operationName ?? null,
            codes: [...new Set(errors.map((e) => codeOf(e.extensions?.code)))],
            paths: errors.map((e) => e.path?.join('.')).filter((p) => p !== undefined),
            userAgent,
            ...(schedulerJob ? { schedulerJob } : {}),
            requestId: req?.id,
          };
          const message = 'answered with GraphQL errors and a success status';
          if (scheduler)
            logger.warn(fields, `${message}: the Scheduler job counts it as succeeded`);
          else logger.log(fields, message);
          return Promise.resolve();
        },
      });
    },
  };
}
