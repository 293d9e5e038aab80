import { WarehouseError, type WarehouseErrorKind } from '../../warehouse-client';
import { failedCheck } from './transaction-script';

/** What the client library and the REST API put on an error, read without trusting its shape. */
export interface ErrorFacts {
  readonly httpStatus?: number;
  readonly reasons: readonly string[];
  readonly message: string;
  /** Node socket codes (ECONNRESET...) when the request never got an answer. */
  readonly networkCode?: string;
}

const RATE_LIMIT_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'jobRateLimitExceeded',
]);
const UNAVAILABLE_REASONS = new Set(['backendError', 'internalError', 'timeout']);
const INVALID_REASONS = new Set([
  'invalid',
  'invalidQuery',
  'notFound',
  'duplicate',
  'bytesBilledLimitExceeded',
]);
const NETWORK_CODES =
  /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|ECONNABORTED|UND_ERR)/;
const CONCURRENT_UPDATE = /could not serialize access|concurrent update|aborted due to concurrent/i;
const DML_QUEUE_FULL = /too many DML statements outstanding|exceeded rate limits/i;

export function errorFacts(error: unknown): ErrorFacts {
  const record = isRecord(error) ? error : {};
  const code = record.code;
  // insertAll partial failures nest the row's errors one level down.
  const errors = (Array.isArray(record.errors) ? record.errors : []).flatMap((e: unknown) =>
    isRecord(e) && Array.isArray(e.errors) ? (e.errors as unknown[]) : [e],
  );
  const reasons = errors
    .map((e) => (isRecord(e) && typeof e.reason === 'string' ? e.reason : undefined))
    .filter((r): r is string => r !== undefined);
  const messages = errors
    .map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : undefined))
    .filter((m): m is string => m !== undefined);
  const own =
    error instanceof Error
      ? error.message
      : typeof record.message === 'string'
        ? record.message
        : String(error);
  return {
    ...(typeof code === 'number' ? { httpStatus: code } : {}),
    ...(typeof code === 'string' ? { networkCode: code } : {}),
    reasons,
    message: [own, ...messages.filter((m) => m !== own)].join('; '),
  };
}

/** Maps a failure to a kind a caller can act on; retryable kinds are retried with backoff. */
export function classifyFacts(facts: ErrorFacts): WarehouseErrorKind {
  const reasons = new Set(facts.reasons);
  if (failedCheck(facts.message)) return 'check_failed';
  if (CONCURRENT_UPDATE.test(facts.message)) return 'conflict';
  if (facts.httpStatus === 429 || [...reasons].some((r) => RATE_LIMIT_REASONS.has(r)))
    return 'rate_limited';
  if (DML_QUEUE_FULL.test(facts.message)) return 'rate_limited';
  if (facts.httpStatus !== undefined && (facts.httpStatus >= 500 || facts.httpStatus === 408))
    return 'unavailable';
  if ([...reasons].some((r) => UNAVAILABLE_REASONS.has(r))) return 'unavailable';
  if (facts.networkCode !== undefined && NETWORK_CODES.test(facts.networkCode))
    return 'unavailable';
  if (facts.httpStatus === 400 || facts.httpStatus === 404) return 'invalid';
  if ([...reasons].some((r) => INVALID_REASONS.has(r))) return 'invalid';
  return 'other';
}

export function toWarehouseError(error: unknown, operation: string): WarehouseError {
  if (error instanceof WarehouseError) return error;
  const facts = errorFacts(error);
  const check = failedCheck(facts.message);
  if (check)
    return new WarehouseError(`${check.check}: ${check.detail}`, 'check_failed', operation, {
      cause: error,
      check: check.check,
    });
  return new WarehouseError(facts.message, classifyFacts(facts), operation, { cause: error });
}

export function isAlreadyExists(error: unknown): boolean {
  return errorFacts(error).httpStatus === 409;
}

export function isNotFound(error: unknown): boolean {
  return errorFacts(error).httpStatus === 404;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
