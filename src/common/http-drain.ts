import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { Injectable } from '@nestjs/common';
import { answerError, type Middleware } from './middleware';

/**
 * The HTTP side of a shutdown: stop accepting, answer what is in flight, then close.
 * It counts the requests in flight; once draining, a request that still arrives (on a
 * connection already open) is answered 503 without being processed, every answer closes
 * its connection, and idle connections are closed only once nothing is in flight.
 */
@Injectable()
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private settled: (() => void) | undefined;
  /** Requests answered 503 because they arrived while draining. */
  refused = 0;

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** The first middleware: counts each request until its answer is sent (or its connection lost). */
  readonly middleware: Middleware = (_req, res, next) => {
    if (this.draining) {
      this.refused += 1;
      answerError(
        res,
        503,
        'The service is shutting down; send the request again',
        { code: 'SERVICE_UNAVAILABLE', retryable: true },
        { connection: 'close', 'retry-after': '1' },
      );
      return;
    }
    this.inFlight.add(res);
    const done = () => {
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) this.settled?.();
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };

  /**
   * Stops accepting connections, lets the requests in flight finish (each answer then
   * closes its connection) for at most `timeoutMs`, then closes the idle connections.
   * True when every request in flight was answered.
   */
  async drain(server: Server, timeoutMs: number): Promise<boolean> {
    this.draining = true;
    // net.Server's close stops listening only; http.Server's would also drop idle
    // keep-alive connections at once, resetting a request already on its way on one.
    NetServer.prototype.close.call(server);
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    let timer: NodeJS.Timeout | undefined;
    const drained = await new Promise<boolean>((resolve) => {
      if (this.inFlight.size === 0) return resolve(true);
      this.settled = () => resolve(true);
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    clearTimeout(timer);
    server.closeIdleConnections();
    return drained;
  }
}
