import type { ColumnType } from '../table-definition';
import type { SqlDialect } from './sql-dialect';
import type { JobKey, SqlParam, SqlValue, Statement } from './statement';

/** Collects typed parameters while a statement is written; values never enter SQL text. */
export class SqlBuilder {
  private readonly params: Record<string, SqlParam> = {};
  private next = 0;

  constructor(readonly dialect: SqlDialect) {}

  param(value: SqlValue, type: ColumnType, repeated = false): string {
    const name = `p${this.next++}`;
    this.params[name] = { value, type, repeated };
    return this.dialect.paramRef(name, type, repeated);
  }

  /** A named parameter the dialect's template refers to. */
  named(name: string, value: SqlValue, type: ColumnType, repeated = false): string {
    this.params[name] = { value, type, repeated };
    return name;
  }

  id(name: string): string {
    return this.dialect.quoteIdentifier(name);
  }

  table(name: string): string {
    return this.dialect.table(name);
  }

  build(sql: string, options: { job?: JobKey; costly?: boolean } = {}): Statement {
    return { sql, params: { ...this.params }, ...options };
  }
}
