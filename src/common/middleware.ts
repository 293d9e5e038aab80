import type { IncomingMessage, ServerResponse } from 'node:http';

/** An Express-style middleware, typed on Node's own request and response. */
export type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Answers a request error as GraphQL over HTTP does: no data, one error with its code. */
export function answerError(
  res: ServerResponse,
  status: number,
  message: string,
  extensions: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions }] }));
}
