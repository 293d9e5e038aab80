import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';
import { gcpLogFormat } from './gcp-log-format';
import type { GcpRuntime } from './gcp-runtime';
import { currentTraceLogFields, traceContextOf, traceLogFields } from './trace-context';

/** The request's own line: its trace from its headers (it may be written outside its context). */
function withTrace(req: IncomingMessage, fields: object): object {
  return { ...fields, ...traceLogFields(traceContextOf(req.headers)) };
}

/**
 * A URL as logged: its path, and its query parameters' names without their values (a
 * caller may put a credential there, and a GET's query text is theirs too).
 */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = [...new URLSearchParams(url.slice(at + 1)).keys()];
  return `${url.slice(0, at)}?${names.map((name) => `${encodeURIComponent(name)}=[REDACTED]`).join('&')}`;
}

/**
 * JSON lines in Cloud Logging's structured format (gcp-log-format.ts): `severity`,
 * `message`, a `timestamp` and an `insertId` that keep the order,
 * `logging.googleapis.com/trace` as projects/PROJECT/traces/TRACE with `spanId` and
 * `trace_sampled` (from the request's trace, see trace-context.ts), the `serviceContext`
 * Error Reporting groups by, and on a line with an error (`err`) its `stack_trace`. The
 * project and service come from the runtime (gcp-runtime.ts). Pretty only in a terminal
 * outside production.
 */
export function loggerParams(config: AppConfig, runtime: GcpRuntime): Params {
  const options: Options = {
    level: config.values.LOG_LEVEL,
    errorKey: 'error',
    // Every line logged for a request (and the work it started) carries its trace.
    mixin: currentTraceLogFields,
    customSuccessObject: (req, _res, fields: object) => withTrace(req, fields),
    customErrorObject: (req, _res, _error, fields: object) => withTrace(req, fields),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: loggedUrl(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: {
      ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    },
    // A failed request (5xx) is an ERROR line carrying its cause (res.err); others are INFO.
    customLogLevel: (_req, res, error) =>
      error || (res as { err?: unknown }).err || res.statusCode >= 500 ? 'error' : 'info',
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
  };
  if (process.stdout.isTTY && !config.isProduction) {
    return {
      pinoHttp: {
        ...options,
        messageKey: 'message',
        transport: { target: 'pino-pretty', options: { messageKey: 'message' } },
      },
    };
  }
  const gcp = gcpLogFormat({
    serviceContext: runtime.serviceContext,
    projectId: runtime.projectId,
  });
  // Synchronous writes: the lines logged while the process stops (SIGTERM) are not lost.
  return { pinoHttp: [{ ...options, ...gcp }, destination({ dest: 1, sync: true })] };
}
