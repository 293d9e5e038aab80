import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from './paths';
import { MAIN } from './child-app';
import { productionCommand } from './service-command';

export type LogLine = Record<string, unknown>;

/**
 * A production start's environment for a test: the given API key, a free port, INFO logs,
 * a DuckDB file in `dir`, no cron.
 */
export function productionEnv(dir: string, apiKey: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    API_KEYS: apiKey,
    PORT: '0',
    LOG_LEVEL: 'info',
    DUCKDB_PATH: join(dir, 'coordinator.duckdb'),
    CONSOLIDATION_CRON_ENABLED: 'false',
  };
}

/** The built server started the way production starts it: `npm run start:prod`'s command. */
export class ServerProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  /**
   * `preload`: test hooks loaded with `node -r` before the entry point (then main.js, not the
   * bundle); `cwd`: the working directory (the repository's unless given).
   */
  constructor(
    env: Record<string, string>,
    preload: readonly string[] = [],
    cwd: string = PROJECT_ROOT,
  ) {
    // Only what is given, plus PATH: the test runner's own settings (LOG_LEVEL=silent) stay out.
    const command = productionCommand();
    const hooks = preload.flatMap((file) => ['-r', file]);
    // A hook patches modules of tsc's output, which the bundle holds copies of: with hooks,
    // main.js unbundled (the code the bundle is made of), with the same flags.
    const entry = preload.length > 0 ? MAIN : join(PROJECT_ROOT, command.entry);
    this.child = spawn(process.execPath, [...command.nodeFlags, ...hooks, entry], {
      cwd,
      // NODE_ENV unless given: development would read a .env the checkout may hold.
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.collect(this.child.stdout, this.stdout);
    this.collect(this.child.stderr, this.stderr);
    // 'close', not 'exit': only then has every line the process printed been read.
    this.exited = once(this.child, 'close').then(([code]) => {
      this.closed = true;
      return code as number | null;
    });
  }

  /** Every stdout line parsed as JSON; throws on a line that is not. */
  jsonLines(): LogLine[] {
    return this.stdout.map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`stdout line is not JSON: ${line}`);
      }
    });
  }

  /** Resolves with the first stdout JSON line that matches, or rejects after `ms`. */
  async waitForLog(matches: (line: LogLine) => boolean, ms = 15_000): Promise<LogLine> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.stdout.map(tryParse).find((l): l is LogLine => !!l && matches(l));
      if (found) return found;
      if (this.closed || Date.now() > deadline) {
        throw new Error(
          `no matching log line (${this.closed ? 'the process ended' : 'timed out'});\nstdout:\n${this.stdout.join('\n')}\nstderr:\n${this.stderr.join('\n')}`,
        );
      }
      await new Promise<void>((done) => {
        const timer = setTimeout(done, 200);
        this.waiters.add(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  /** Waits for the process to exit by itself, failing after `ms`. */
  async exitCode(ms = 15_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`server still running after ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.closed) this.child.kill(signal);
  }

  /** Ends the process whatever state it is in. */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private collect(stream: NodeJS.ReadableStream | null, into: string[]): void {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (line) => {
      into.push(line);
      for (const wake of this.waiters) wake();
      this.waiters.clear();
    });
  }
}

function tryParse(line: string): LogLine | undefined {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return undefined;
  }
}
