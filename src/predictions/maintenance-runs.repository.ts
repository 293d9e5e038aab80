import { Injectable } from '@nestjs/common';
import { ConsolidationStatus } from '../consolidation/consolidation-run';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import type { Row } from '../warehouse/sql/statement';
import { MAINTENANCE_RUNS_TABLE } from '../warehouse/tables';
import { WarehouseClient } from '../warehouse/warehouse-client';
import {
  MaintenanceKind,
  type MaintenanceFigures,
  type MaintenanceRunRecord,
} from './maintenance-run';

const COLUMNS = MAINTENANCE_RUNS_TABLE.columns.map((c) => c.name);

export interface MaintenanceRunFilter {
  readonly gameDate?: string | null;
  readonly kind?: MaintenanceKind | null;
  readonly limit: number;
}

/** The append-only record of repairs and restores (streamed on BigQuery, like the event log). */
@Injectable()
export class MaintenanceRunsRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  /** Durable before it returns: a start (RUNNING) or a finish record of a run. */
  async record(run: MaintenanceRunRecord): Promise<void> {
    await this.warehouse.appendRows(MAINTENANCE_RUNS_TABLE, [toRow(run)]);
  }

  /** Each run once (its finish record, else its start record), newest first. */
  async runs(filter: MaintenanceRunFilter): Promise<MaintenanceRunRecord[]> {
    const sql = new SqlBuilder(this.warehouse.dialect);
    const where = ['TRUE'];
    if (filter.gameDate) where.push(`game_date = ${sql.param(filter.gameDate, 'DATE')}`);
    if (filter.kind) where.push(`kind = ${sql.param(filter.kind, 'STRING')}`);
    const rows = await this.warehouse.query(
      sql.build(
        `SELECT ${this.warehouse.dialect.columnList(COLUMNS)} FROM ${sql.table(MAINTENANCE_RUNS_TABLE.name)}
WHERE ${where.join(' AND ')}
QUALIFY ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY CASE WHEN finished_at IS NULL THEN 1 ELSE 0 END, record_id) = 1
ORDER BY started_at DESC, run_id DESC
LIMIT ${sql.param(filter.limit, 'INT64')}`,
        {
          job: {
            operation: 'maintenance_runs',
            ...(filter.gameDate ? { gameDate: filter.gameDate } : {}),
          },
        },
      ),
    );
    return rows.map(fromRow);
  }
}

function toRow(run: MaintenanceRunRecord): Row {
  const phase = run.status === ConsolidationStatus.RUNNING ? 'started' : 'finished';
  return {
    record_id: `${run.id}:${phase}`,
    run_id: run.id,
    game_date: run.gameDate,
    kind: run.kind,
    status: run.status,
    dry_run: run.dryRun,
    principal: run.principal,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    as_of: run.asOf,
    figures: JSON.stringify(run.figures),
    error: run.error,
  };
}

function fromRow(row: Row): MaintenanceRunRecord {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(row.run_id),
    kind: String(row.kind) as MaintenanceKind,
    gameDate: String(row.game_date),
    dryRun: row.dry_run === true,
    status: String(row.status) as ConsolidationStatus,
    principal: String(row.principal),
    startedAt: String(row.started_at),
    finishedAt: text(row.finished_at),
    asOf: text(row.as_of),
    figures: figuresOf(row.figures),
    error: text(row.error),
  };
}

function figuresOf(value: unknown): MaintenanceFigures {
  if (typeof value !== 'string') return {};
  const parsed = JSON.parse(value) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}
