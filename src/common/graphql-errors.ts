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

/**
 * Errors that never reached a resolver (parsing, validation, scalar coercion). A scalar
 * that rejected its input said BAD_USER_INPUT; no stack trace leaves the server.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const scalarCode = original instanceof GraphQLError ? original.extensions.code : undefined;
  const extensions = { ...formatted.extensions };
  delete extensions.stacktrace;
  return {
    ...formatted,
    extensions: {
      ...extensions,
      ...(scalarCode === 'BAD_USER_INPUT' ? { code: 'BAD_USER_INPUT' } : {}),
    },
  };
}
