import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { isUnexplained } from './graphql-errors';

/** What the GraphQL context holds of the HTTP exchange. */
interface HttpContext {
  readonly req?: IncomingMessage & { id?: unknown };
  /** pino-http logs `res.err` as the cause of a failed request. */
  readonly res?: ServerResponse & { err?: Error };
}

/**
 * Logs, once and with their cause, the errors nothing else logged: those raised outside
 * resolvers (a plugin, graphql-js, Apollo itself). One that fails the whole request
 * (HTTP 500) becomes the cause on the request's own log line, at ERROR; one in a field is
 * logged with the request id. Resolvers' errors are the exception filter's to log.
 */
export function unexplainedErrorsPlugin(): ApolloServerPlugin {
  const logger = new Logger('GraphQL');
  const failRequest = (context: HttpContext, cause: unknown) => {
    if (context.res && cause instanceof Error) context.res.err = cause;
    else logger.error({ requestId: context.req?.id, err: cause }, 'unexpected error');
  };
  return {
    unexpectedErrorProcessingRequest({ requestContext, error }) {
      failRequest(requestContext.contextValue, error);
      return Promise.resolve();
    },
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, contextValue }) {
          const context = contextValue as HttpContext;
          for (const error of errors.filter(isUnexplained)) {
            const cause = error.originalError ?? error;
            if (error.path === undefined) failRequest(context, cause);
            else
              logger.error(
                { requestId: context.req?.id, path: error.path.join('.'), err: cause },
                'unexpected error',
              );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** Apollo's line for what unexplainedErrorsPlugin already put on the request's own line. */
const UNEXPECTED = /^Unexpected error processing request/;

/** Apollo's own log lines, as JSON through the application's logger. */
export function apolloLogger(): NonNullable<ApolloServerOptions<BaseContext>['logger']> {
  const logger = new Logger('Apollo');
  return {
    debug: (message: unknown) => logger.debug(message),
    info: (message: unknown) => logger.log(message),
    warn: (message: unknown) => logger.warn(message),
    error: (message: unknown) => {
      if (typeof message === 'string' && UNEXPECTED.test(message)) return;
      logger.error(message);
    },
  };
}
