import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';

/** The trace a request belongs to, as its caller (or Cloud Run's front end) sent it. */
export interface TraceContext {
  /** 32 hex digits. */
  readonly traceId: string;
  /** 16 hex digits. */
  readonly spanId?: string;
  readonly sampled: boolean;
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** TRACE_ID/SPAN_ID;o=OPTIONS, the span id in decimal (Cloud Trace's legacy header). */
const CLOUD_TRACE = /^([0-9a-f]{32})(?:\/(\d{1,20}))?(?:;o=(\d+))?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
const MAX_SPAN = 2n ** 64n - 1n;

function single(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
}

/** The span id of X-Cloud-Trace-Context (decimal) as the 16 hex digits Cloud Logging wants. */
function hexSpan(decimal: string | undefined): string | undefined {
  if (decimal === undefined) return undefined;
  const value = BigInt(decimal);
  return value === 0n || value > MAX_SPAN ? undefined : value.toString(16).padStart(16, '0');
}

/** The trace of a request: W3C `traceparent` first, else `X-Cloud-Trace-Context`. */
export function traceContextOf(headers: IncomingHttpHeaders): TraceContext | undefined {
  const parent = TRACEPARENT.exec(single(headers.traceparent) ?? '');
  if (parent?.[1] && parent[2] && parent[3] && parent[1] !== ZERO_TRACE && parent[2] !== ZERO_SPAN)
    return { traceId: parent[1], spanId: parent[2], sampled: (parseInt(parent[3], 16) & 1) === 1 };
  const cloud = CLOUD_TRACE.exec(single(headers['x-cloud-trace-context']) ?? '');
  if (!cloud?.[1] || cloud[1] === ZERO_TRACE) return undefined;
  const spanId = hexSpan(cloud[2]);
  return { traceId: cloud[1], ...(spanId ? { spanId } : {}), sampled: cloud[3] === '1' };
}

/**
 * The trace as OpenTelemetry names it in a log record (`trace_id`, `span_id`,
 * `trace_flags`): the GCP logging configuration turns these into Cloud Logging's
 * `logging.googleapis.com/trace` (with the project), `spanId` and `trace_sampled`.
 */
export function traceLogFields(trace: TraceContext | undefined): Record<string, string> {
  if (!trace) return {};
  return {
    trace_id: trace.traceId,
    ...(trace.spanId ? { span_id: trace.spanId } : {}),
    trace_flags: trace.sampled ? '01' : '00',
  };
}

const storage = new AsyncLocalStorage<TraceContext | undefined>();

/**
 * Express middleware: what runs for the request (and the work it starts in the background)
 * logs with its trace. Registered before and again after the body is read: the body's
 * stream events run outside the context set before them.
 */
export function traceContextMiddleware(
  req: { headers: IncomingHttpHeaders },
  _res: unknown,
  next: () => void,
): void {
  storage.run(traceContextOf(req.headers), next);
}

/** The current request's trace fields for a log line (none outside a request). */
export function currentTraceLogFields(): Record<string, string> {
  return traceLogFields(storage.getStore());
}
