import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';

const SEVERITY: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

/** The Cloud Logging trace of a request, from X-Cloud-Trace-Context or traceparent. */
export function traceOf(req: IncomingMessage, project: string | undefined): Record<string, string> {
  const cloud = req.headers['x-cloud-trace-context'];
  const parent = req.headers['traceparent'];
  let traceId: string | undefined;
  let spanId: string | undefined;
  if (typeof cloud === 'string') [traceId, spanId] = cloud.split(/[/;]/);
  else if (typeof parent === 'string') [, traceId, spanId] = parent.split('-');
  if (!traceId || !/^[0-9a-f]{8,32}$/i.test(traceId)) return {};
  const trace = project ? `projects/${project}/traces/${traceId}` : traceId;
  return {
    'logging.googleapis.com/trace': trace,
    ...(spanId ? { 'logging.googleapis.com/spanId': spanId } : {}),
  };
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

/** JSON lines with Cloud Logging fields; pretty only in a terminal outside production. */
export function loggerParams(config: AppConfig): Params {
  const pretty = process.stdout.isTTY && !config.isProduction;
  const project =
    config.values.WAREHOUSE === 'bigquery' ? config.values.BIGQUERY_PROJECT : undefined;
  const options: Options = {
    level: config.values.LOG_LEVEL,
    messageKey: 'message',
    errorKey: 'error',
    formatters: { level: (label) => ({ severity: SEVERITY[label] ?? 'DEFAULT', level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    customProps: (req) => traceOf(req, project),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: loggedUrl(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    // A failed request (5xx) is an ERROR line carrying its cause (res.err); others are INFO.
    customLogLevel: (_req, res, error) =>
      error || (res as { err?: unknown }).err || res.statusCode >= 500 ? 'error' : 'info',
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
  };
  if (pretty) {
    return {
      pinoHttp: {
        ...options,
        transport: { target: 'pino-pretty', options: { messageKey: 'message' } },
      },
    };
  }
  // Synchronous writes: the lines logged while the process stops (SIGTERM) are not lost.
  return { pinoHttp: [options, destination({ dest: 1, sync: true })] };
}
