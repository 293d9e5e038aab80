import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost, type GqlExceptionFilter } from '@nestjs/graphql';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { WarehouseError } from '../warehouse/warehouse-client';
import { DomainError, ErrorCode } from './domain-error';

export const INTERNAL = 'INTERNAL_SERVER_ERROR';

function extensionCode(code: ErrorCode): string {
  switch (code) {
    case ErrorCode.BadInput:
      return 'BAD_USER_INPUT';
    case ErrorCode.NotFound:
      return 'NOT_FOUND';
    case ErrorCode.Conflict:
      return 'CONFLICT';
    case ErrorCode.Unauthenticated:
      return 'UNAUTHENTICATED';
    case ErrorCode.Forbidden:
      return 'FORBIDDEN';
    case ErrorCode.Unavailable:
      return 'SERVICE_UNAVAILABLE';
  }
}

/**
 * The one place errors become GraphQL errors: domain codes pass through with their safe
 * message; anything else is logged once and answered generically.
 */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: unknown, host: ArgumentsHost): GraphQLError | void {
    if (host.getType<string>() !== 'graphql') return this.answerHttp(exception, host);
    const gqlHost = GqlArgumentsHost.create(host);
    const requestId = (gqlHost.getContext<{ req?: { id?: unknown } }>()?.req?.id ?? undefined) as
      string | undefined;
    const field = gqlHost.getInfo<{ fieldName?: string } | undefined>()?.fieldName;
    if (exception instanceof DomainError) {
      return new GraphQLError(exception.message, {
        extensions: { code: extensionCode(exception.code), ...exception.details },
      });
    }
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof WarehouseError && exception.retryable) {
      this.logger.warn(
        { requestId, field, err: exception },
        'warehouse busy; the caller should retry',
      );
      return new GraphQLError('The warehouse is busy; retry the request', {
        extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
      });
    }
    this.logger.error({ requestId, field, err: exception }, 'unexpected error');
    return new GraphQLError('Internal server error', { extensions: { code: INTERNAL, requestId } });
  }

  private answerHttp(exception: unknown, host: ArgumentsHost): void {
    const response = host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status >= 500) this.logger.error({ err: exception }, 'unexpected error');
    response
      .status(status)
      .json({ error: status >= 500 ? 'Internal server error' : (exception as Error).message });
  }
}

/** graphql-js's message, without a code, when a request's variables hold more than 50 errors. */
const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables';

/**
 * The client code of an error raised about the request itself that carries none: a scalar
 * that refused its input, too many variable errors, or an error graphql-js or Apollo made
 * before execution without a code (a persisted-query hash that does not match its query).
 */
export function clientCode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const original = error.originalError;
  if (original instanceof GraphQLError && original.extensions.code === 'BAD_USER_INPUT')
    return 'BAD_USER_INPUT';
  if (error.extensions.code !== undefined || original !== undefined || error.path !== undefined)
    return undefined;
  return error.message.startsWith(TOO_MANY_VARIABLE_ERRORS) ? 'BAD_USER_INPUT' : 'BAD_REQUEST';
}

/**
 * An error no code explains and nothing logged: a bug, or a dependency failing where no
 * resolver's filter could catch it (a plugin, a field's serialization).
 */
export function isUnexplained(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return true;
  return error.extensions.code === undefined && clientCode(error) === undefined;
}

/**
 * The last word on every error sent: client mistakes keep (or get) their client code;
 * whatever ends as INTERNAL_SERVER_ERROR says only that, with the request id when the
 * filter logged it: no driver message, no stack trace leaves the server.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const extensions = { ...formatted.extensions };
  delete extensions.stacktrace;
  const code = clientCode(error) ?? extensions.code;
  if (code !== INTERNAL) return { ...formatted, extensions: { ...extensions, code } };
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: INTERNAL,
      ...(extensions.requestId === undefined ? {} : { requestId: extensions.requestId }),
    },
  };
}
