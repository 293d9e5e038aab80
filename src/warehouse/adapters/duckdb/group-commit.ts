import type { Row } from '../../sql/statement';
import { WarehouseError } from '../../warehouse-client';

interface Pending<T> {
  readonly rows: readonly Row[];
  resolve(result: T): void;
  reject(error: unknown): void;
}

/**
 * Group commit: writes that arrive while one is being written go out together in the next
 * statement, one commit for all of them. On DuckDB a small write's cost is the statement's
 * (parsing the JSON rows, the commit), hardly its rows, so throughput grows with concurrency
 * instead of with statements. Each caller is answered only after its rows are durable.
 */
export class GroupCommit<T> {
  private queue: Pending<T>[] = [];
  private writing = false;

  constructor(
    /** Writes several callers' rows in one statement; returns each caller's result, in order. */
    private readonly write: (writes: readonly (readonly Row[])[]) => Promise<readonly T[]>,
    /** Rows of one statement at most (a caller's rows are never split): bounds its memory. */
    private readonly maxRows = Number.POSITIVE_INFINITY,
  ) {}

  submit(rows: readonly Row[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) await this.writeGroup(this.nextGroup());
    this.writing = false;
  }

  private nextGroup(): Pending<T>[] {
    let count = 0;
    let rows = 0;
    for (const pending of this.queue) {
      if (count > 0 && rows + pending.rows.length > this.maxRows) break;
      rows += pending.rows.length;
      count++;
    }
    return this.queue.splice(0, count);
  }

  /**
   * A group the engine refused (a value it cannot convert, a constraint) wrote nothing; it is
   * written again a caller at a time, so only the callers whose rows were refused fail. Any
   * other failure fails every caller of the group: what it wrote is not known.
   */
  private async writeGroup(group: readonly Pending<T>[]): Promise<void> {
    try {
      const results = await this.write(group.map((pending) => pending.rows));
      group.forEach((pending, i) => pending.resolve(results[i] as T));
    } catch (error) {
      const refused = error instanceof WarehouseError && error.kind === 'invalid';
      if (!refused || group.length === 1) {
        for (const pending of group) pending.reject(error);
        return;
      }
      for (const pending of group) await this.writeGroup([pending]);
    }
  }
}
