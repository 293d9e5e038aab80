import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting in the current request, once the auth guard knows it. */
interface ActingContext {
  principal?: string;
}

const storage = new AsyncLocalStorage<ActingContext>();

/** A request served with authentication off (development): nobody was identified. */
export const ANONYMOUS = 'anonymous';
/** Work the service does on its own, outside any request (and outside the cron). */
export const SYSTEM = 'system';
/** The in-process consolidation cron. */
export const SYSTEM_CRON = 'system:cron';

/**
 * Express middleware: each request gets its own context, which everything it starts
 * (resolvers, services, background runs it triggers) inherits. Registered after the body
 * parser, so the context is not lost across the body's stream events.
 */
export function principalContextMiddleware(_req: unknown, _res: unknown, next: () => void): void {
  storage.run({}, next);
}

/** The auth guard names the caller of the current request (never its secret). */
export function identifyCaller(principal: string): void {
  const context = storage.getStore();
  if (context) context.principal = principal;
}

/**
 * Who is acting now: the authenticated caller of the request, `anonymous` when the
 * request was served without authentication, `system` (or what `actingAs` set) outside
 * any request.
 */
export function currentPrincipal(): string {
  const context = storage.getStore();
  if (!context) return SYSTEM;
  return context.principal ?? ANONYMOUS;
}

/** Runs service-initiated work (the cron) under its own principal. */
export function actingAs<T>(principal: string, work: () => Promise<T>): Promise<T> {
  return storage.run({ principal }, work);
}
