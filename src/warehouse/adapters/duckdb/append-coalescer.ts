import type { Row } from '../../sql/statement';

interface Pending {
  readonly rows: readonly Row[];
  resolve(written: number): void;
  reject(error: unknown): void;
}

/**
 * Group commit: appends that arrive while one is being written go out together in the
 * next statement. Each caller is answered only after its rows are durable, with how many
 * of its rows were new. Throughput grows with concurrency instead of with fsyncs.
 */
export class AppendCoalescer {
  private queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly keyOf: (row: Row) => string,
    /** Writes rows, returns the keys that were new. */
    private readonly write: (rows: readonly Row[]) => Promise<Set<string>>,
  ) {}

  append(rows: readonly Row[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      try {
        const inserted = await this.write(group.flatMap((p) => p.rows));
        for (const pending of group) {
          // A key inserted once is credited to the first caller that sent it.
          let written = 0;
          for (const row of pending.rows) {
            const key = this.keyOf(row);
            if (inserted.delete(key)) written++;
          }
          pending.resolve(written);
        }
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }
    this.writing = false;
  }
}
