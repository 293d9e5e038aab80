/** What a statement does to the database: reads share the pool, a write has it to itself. */
export type Access = 'read' | 'write';

/**
 * Hands each statement its own connection; DuckDB runs them on its own threads. Reads run
 * side by side; a write (or a transaction) runs alone: no other statement of this process
 * runs while it does. DuckDB 1.5.6 can return rows that a scan's filter excludes when
 * another connection appends to the same table during the scan (reproduced: about one
 * read in twenty raced by a staging INSERT counted the new rows its `write_seq <= n` filter
 * excludes; none with one connection), so no scan may overlap a write. Waiters are served
 * in arrival order: a write is not starved by a stream of reads.
 */
export class ConnectionPool<T> {
  private readonly idle: T[];
  private readonly queue: { readonly access: Access; readonly grant: (connection: T) => void }[] =
    [];
  private reading = 0;
  private writing = false;

  constructor(
    private readonly connections: readonly T[],
    /** false: writes share the pool like reads (DuckDB's own concurrency control only). */
    private readonly writesAlone = true,
  ) {
    this.idle = [...connections];
  }

  all(): readonly T[] {
    return this.connections;
  }

  async use<R>(requested: Access, work: (connection: T) => Promise<R>): Promise<R> {
    const access = this.writesAlone ? requested : 'read';
    const connection = await new Promise<T>((grant) => {
      this.queue.push({ access, grant });
      this.dispatch();
    });
    try {
      return await work(connection);
    } finally {
      if (access === 'write') this.writing = false;
      else this.reading--;
      this.idle.push(connection);
      this.dispatch();
    }
  }

  /** Waits until no statement is running or waiting, so connections can be closed safely. */
  async drain(): Promise<void> {
    while (this.reading > 0 || this.writing || this.queue.length > 0)
      await new Promise((r) => setTimeout(r, 10));
  }

  private dispatch(): void {
    for (let next = this.queue[0]; next; next = this.queue[0]) {
      if (this.writing || this.idle.length === 0) return;
      if (next.access === 'write' && this.reading > 0) return;
      const connection = this.idle.pop();
      if (connection === undefined) return;
      this.queue.shift();
      if (next.access === 'write') this.writing = true;
      else this.reading++;
      next.grant(connection);
    }
  }
}
