import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionCommand } from '../test/support/service-command';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawn until GET /healthz (or the GraphQL endpoint) answers. */
async function timeToReady(
  args: string[],
  env: Record<string, string>,
  probe: string,
): Promise<number> {
  const script = args.at(-1) ?? '';
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}${probe}`);
        if (response.status < 500) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error(`${script} did not start`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

export async function measureStartup(
  reps: number,
): Promise<{ serviceMs: number; minimalMs: number }> {
  const service: number[] = [];
  const minimal: number[] = [];
  const root = join(__dirname, '..');
  const command = productionCommand();
  for (let i = 0; i < reps; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-start-'));
    service.push(
      // As npm run start:prod starts it, flags included.
      await timeToReady(
        [...command.nodeFlags, join(root, 'src/main.js')],
        {
          NODE_ENV: 'development',
          DUCKDB_PATH: join(dir, 'db.duckdb'),
          LOG_LEVEL: 'warn',
        },
        '/healthz',
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    minimal.push(
      await timeToReady(
        [join(root, 'bench/support/minimal-app.js')],
        {},
        '/graphql?query=%7Bhello%7D',
      ),
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return { serviceMs: median(service), minimalMs: median(minimal) };
}

if (require.main === module) {
  void measureStartup(5).then((r) =>
    process.stdout.write(`${JSON.stringify({ ...r, ratio: r.serviceMs / r.minimalMs })}\n`),
  );
}
