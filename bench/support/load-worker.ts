// Runs autocannon in its own process so the load generator does not share the server's cores' event loop.
import autocannon from 'autocannon';

interface LoadRequest {
  url: string;
  bodies: string[];
  seconds: number;
  connections: number;
  /** A fixed number of requests instead of a duration (a burst: one per connection). */
  amount?: number;
  headers?: Record<string, string>;
}

process.once('message', (message: LoadRequest) => {
  let i = 0;
  const started = performance.now();
  autocannon(
    {
      url: message.url,
      connections: message.connections,
      ...(message.amount ? { amount: message.amount } : { duration: message.seconds }),
      method: 'POST',
      headers: { 'content-type': 'application/json', ...message.headers },
      requests: [
        { setupRequest: (req) => ({ ...req, body: message.bodies[i++ % message.bodies.length] }) },
      ],
    },
    (error, result) => {
      process.send?.(
        error
          ? { error: String(error) }
          : {
              rps: result.requests.average,
              p50: result.latency.p50,
              p99: result.latency.p99,
              max: result.latency.max,
              errors: result.errors,
              non2xx: result.non2xx,
              total: result.requests.total,
              wallMs: performance.now() - started,
            },
        () => process.exit(0),
      );
    },
  );
});
