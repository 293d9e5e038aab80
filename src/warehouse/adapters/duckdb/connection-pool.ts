/** Hands each statement its own connection; DuckDB runs them on its own threads. */
export class ConnectionPool<T> {
  private readonly idle: T[];
  private readonly waiting: ((connection: T) => void)[] = [];
  private busy = 0;

  constructor(private readonly connections: readonly T[]) {
    this.idle = [...connections];
  }

  all(): readonly T[] {
    return this.connections;
  }

  async use<R>(work: (connection: T) => Promise<R>): Promise<R> {
    const connection =
      this.idle.pop() ?? (await new Promise<T>((resolve) => this.waiting.push(resolve)));
    this.busy++;
    try {
      return await work(connection);
    } finally {
      this.busy--;
      const next = this.waiting.shift();
      if (next) next(connection);
      else this.idle.push(connection);
    }
  }

  /** Waits until no statement is running, so connections can be closed safely. */
  async drain(): Promise<void> {
    while (this.busy > 0 || this.waiting.length > 0) await new Promise((r) => setTimeout(r, 10));
  }
}
