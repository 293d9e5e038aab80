import { SqlDialect } from '../../sql/sql-dialect';
import { assertSafeTableName } from '../../sql/identifiers';
import {
  isNumeric,
  type ColumnDefault,
  type ColumnDefinition,
  type ColumnType,
  type TableDefinition,
} from '../../table-definition';

/** GoogleSQL names a table `project.dataset.table`; both parts come from validated config. */
export interface BigQueryLocation {
  readonly projectId: string;
  readonly datasetId: string;
}

const PROJECT_PATTERN = /^[a-z][a-z0-9.:-]{0,127}$/i;
const DATASET_PATTERN = /^[A-Za-z0-9_]{1,1024}$/;

export class BigQueryDialect extends SqlDialect {
  readonly engine = 'bigquery' as const;
  readonly hasTimeTravel = true;

  constructor(readonly location: BigQueryLocation) {
    super();
    if (!PROJECT_PATTERN.test(location.projectId)) {
      throw new Error(`unsafe BigQuery project id: ${JSON.stringify(location.projectId)}`);
    }
    if (!DATASET_PATTERN.test(location.datasetId)) {
      throw new Error(`unsafe BigQuery dataset id: ${JSON.stringify(location.datasetId)}`);
    }
  }

  quoteIdentifier(name: string): string {
    return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
  }

  table(name: string): string {
    const { projectId, datasetId } = this.location;
    return `\`${projectId}.${datasetId}.${assertSafeTableName(name)}\``;
  }

  paramRef(name: string): string {
    return `@${name}`;
  }

  typeName(type: ColumnType, repeated = false): string {
    const base = isNumeric(type) ? `NUMERIC(${type.precision}, ${type.scale})` : type;
    return repeated ? `ARRAY<${base}>` : base;
  }

  currentTimestamp(): string {
    return 'CURRENT_TIMESTAMP()';
  }

  createTableIfNotExists(table: TableDefinition): string {
    const columns = table.columns.map((c) => this.columnDdl(c));
    const clauses = [
      `CREATE TABLE IF NOT EXISTS ${this.table(table.name)} (\n  ${columns.join(',\n  ')}\n)`,
    ];
    if (table.partitionBy) clauses.push(`PARTITION BY ${this.quoteIdentifier(table.partitionBy)}`);
    if (table.clusterBy?.length) clauses.push(`CLUSTER BY ${this.columnList(table.clusterBy)}`);
    if (table.requirePartitionFilter) clauses.push('OPTIONS (require_partition_filter = TRUE)');
    return clauses.join('\n');
  }

  /** BigQuery adds only NULLABLE or REPEATED columns, and without a default. */
  addColumnIfNotExists(tableName: string, column: ColumnDefinition): string {
    const type = this.typeName(column.type, column.mode === 'REPEATED');
    return `ALTER TABLE ${this.table(tableName)} ADD COLUMN IF NOT EXISTS ${this.quoteIdentifier(column.name)} ${type}`;
  }

  createOrReplaceTableAs(tableName: string, select: string): string {
    return `CREATE OR REPLACE TABLE ${this.table(tableName)} AS\n${select}`;
  }

  dropTableIfExists(tableName: string): string {
    return `DROP TABLE IF EXISTS ${this.table(tableName)}`;
  }

  listColumns(tableParam: string): string {
    return `SELECT column_name, data_type FROM ${this.informationSchema('COLUMNS')}
WHERE table_name = @${tableParam} ORDER BY ordinal_position`;
  }

  inArray(expr: string, arrayRef: string): string {
    return `${expr} IN UNNEST(${arrayRef})`;
  }

  timeTravel(tableName: string, asOfRef: string): string {
    return `${this.table(tableName)} FOR SYSTEM_TIME AS OF ${asOfRef}`;
  }

  rowText(alias: string): string {
    return `TO_JSON_STRING(${alias})`;
  }

  /** `project`.`dataset`.INFORMATION_SCHEMA.X: each part quoted, the view name bare. */
  private informationSchema(view: 'TABLES' | 'COLUMNS'): string {
    const { projectId, datasetId } = this.location;
    return `${this.quoteIdentifier(projectId)}.${this.quoteIdentifier(datasetId)}.INFORMATION_SCHEMA.${view}`;
  }

  /** GoogleSQL order: type, DEFAULT, NOT NULL. Arrays are never NOT NULL (REPEATED). */
  private columnDdl(column: ColumnDefinition): string {
    const repeated = column.mode === 'REPEATED';
    const parts = [this.quoteIdentifier(column.name), this.typeName(column.type, repeated)];
    if (column.default) parts.push(`DEFAULT ${this.defaultExpression(column.default)}`);
    if (column.mode === 'REQUIRED') parts.push('NOT NULL');
    return parts.join(' ');
  }

  private defaultExpression(value: ColumnDefault): string {
    if (value.kind === 'now') return 'CURRENT_TIMESTAMP()';
    if (typeof value.value === 'string')
      return `'${value.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    return typeof value.value === 'boolean'
      ? String(value.value).toUpperCase()
      : String(value.value);
  }
}
