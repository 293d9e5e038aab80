import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { GraphqlResponse } from './test-app';

/**
 * main.js as tsc built it, the code the production bundle is made of: unbundled, so that a
 * preloaded test hook patches the very modules the service runs (`npm run start:prod` starts
 * the bundle; ServerProcess starts that).
 */
export const MAIN = join(__dirname, '..', '..', 'src', 'main.js');
/** The test-only preload that kills or stalls the process at a chosen statement. */
export const CRASH_HOOK = join(__dirname, 'crash-hook.js');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ChildApp {
  readonly process: ChildProcess;
  readonly base: string;
  /** stdout lines so far (the JSON logs). */
  readonly lines: string[];
  stderr(): string;
  readonly exited: Promise<Exit>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlResponse<T>>;
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Resolves with the first stdout or stderr line that satisfies `match`. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface SpawnOptions {
  readonly dbPath: string;
  readonly env?: Record<string, string>;
  /** Modules preloaded with `node -r` (test hooks). */
  readonly preload?: readonly string[];
}

/**
 * Starts `node dist/src/main.js` with production's logging (JSON lines on stdout), on a free
 * port and the given DuckDB file, and resolves once /healthz answers.
 */
export async function spawnApp(options: SpawnOptions): Promise<ChildApp> {
  const port = await freePort();
  const args = [...(options.preload ?? []).flatMap((p) => ['-r', p]), MAIN];
  const child = spawn(process.execPath, args, {
    // Development reads ./.env: the database's folder has none, a checkout may.
    cwd: dirname(options.dbPath),
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      NODE_ENV: 'development',
      DUCKDB_PATH: options.dbPath,
      PORT: String(port),
      CONSOLIDATION_CRON_ENABLED: 'false',
      LOCK_LEASE_SECONDS: '5',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const watchers = new Set<(line: string) => void>();
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const watch of watchers) watch(line);
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const line of chunk.split('\n')) for (const watch of watchers) watch(line);
  });
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse<T>;
  };
  const app: ChildApp = {
    process: child,
    base,
    lines,
    stderr: () => stderr,
    exited,
    gql,
    async ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const result = await gql<T>(query, variables);
      if (result.errors?.length || !result.data)
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    waitForLine(match, timeoutMs = 15_000) {
      return new Promise<string>((resolve, reject) => {
        const seen = [...lines, ...stderr.split('\n')].find(match);
        if (seen !== undefined) return resolve(seen);
        const timer = setTimeout(() => {
          watchers.delete(watch);
          reject(new Error(`no matching line within ${timeoutMs} ms; stderr:\n${stderr}`));
        }, timeoutMs);
        const watch = (line: string) => {
          if (!match(line)) return;
          clearTimeout(timer);
          watchers.delete(watch);
          resolve(line);
        };
        watchers.add(watch);
      });
    },
  };
  await waitUntilLive(app);
  return app;
}

async function waitUntilLive(app: ChildApp): Promise<void> {
  let exit: Exit | undefined;
  void app.exited.then((e) => (exit = e));
  for (let i = 0; i < 300; i++) {
    if (exit)
      throw new Error(
        `the process exited (${JSON.stringify(exit)}) before it answered:\n${app.stderr()}`,
      );
    try {
      if ((await fetch(`${app.base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  app.process.kill('SIGKILL');
  throw new Error(`the process never answered /healthz:\n${app.stderr()}`);
}

/** Parses JSON log lines; a line that is not JSON fails the caller's assertion with its text. */
export function jsonLines(lines: readonly string[]): Record<string, unknown>[] {
  return lines
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`a stdout line is not JSON: ${line}`);
      }
    });
}
