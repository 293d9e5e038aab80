import { Injectable } from '@nestjs/common';
import { SqlBuilder } from '../warehouse/sql/sql-builder';
import type { Row } from '../warehouse/sql/statement';
import { BATCH_EVENTS_TABLE } from '../warehouse/tables';
import { WarehouseClient } from '../warehouse/warehouse-client';
import { BatchEventType, parseBatchId, type BatchEvent } from './batch-events';

const EVENT_COLUMNS = BATCH_EVENTS_TABLE.columns.map((c) => c.name);

/** The append-only batch event log. */
@Injectable()
export class BatchEventsRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  /** Durable before it returns; returns how many events were new. */
  async append(events: readonly BatchEvent[]): Promise<number> {
    return this.warehouse.appendRows(BATCH_EVENTS_TABLE, events.map(toRow));
  }

  async eventsOfBatch(batchId: string): Promise<BatchEvent[]> {
    const gameDate = parseBatchId(batchId)?.gameDate;
    if (!gameDate) return [];
    const sql = this.builder();
    const statement = sql.build(
      this.firstCopies(
        sql,
        `game_date = ${sql.param(gameDate, 'DATE')} AND batch_id = ${sql.param(batchId, 'STRING')}`,
      ),
      { job: { operation: 'batch_events', batchId, gameDate } },
    );
    return (await this.warehouse.query(statement)).map(fromRow);
  }

  /**
   * Every event of a batch, each once at its first occurrence, oldest first: every
   * completion a player reported (not only the latest), every run and who caused each.
   */
  async historyOfBatch(batchId: string): Promise<BatchEvent[]> {
    const gameDate = parseBatchId(batchId)?.gameDate;
    if (!gameDate) return [];
    const sql = this.builder();
    const statement = sql.build(
      `SELECT ${this.columns()} FROM (
  SELECT ${this.columns()}, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY occurred_at) AS copy
  FROM ${sql.table(BATCH_EVENTS_TABLE.name)}
  WHERE game_date = ${sql.param(gameDate, 'DATE')} AND batch_id = ${sql.param(batchId, 'STRING')}
) AS events
WHERE copy = 1
ORDER BY occurred_at, event_id`,
      { job: { operation: 'batch_history', batchId, gameDate } },
    );
    return (await this.warehouse.query(statement)).map(fromRow);
  }

  async eventsOfDate(gameDate: string): Promise<BatchEvent[]> {
    const sql = this.builder();
    const statement = sql.build(
      this.firstCopies(sql, `game_date = ${sql.param(gameDate, 'DATE')}`),
      { job: { operation: 'date_events', gameDate } },
    );
    return (await this.warehouse.query(statement)).map(fromRow);
  }

  /**
   * Every event of every batch still in play, in one query whatever their dates: started,
   * neither cancelled nor superseded, and not consolidated with nothing after (a batch whose
   * latest event is a successful run is done until something new arrives). No time window:
   * a backfilled date stuck months ago is read too.
   */
  async eventsOfOpenBatches(): Promise<BatchEvent[]> {
    const sql = this.builder();
    const events = sql.table(BATCH_EVENTS_TABLE.name);
    const is = (type: BatchEventType) => `event_type = ${sql.param(type, 'STRING')}`;
    const succeededAt = `MAX(CASE WHEN ${is(BatchEventType.ConsolidationSucceeded)} THEN occurred_at END)`;
    const open = `SELECT batch_id FROM ${events} GROUP BY batch_id
HAVING SUM(CASE WHEN ${is(BatchEventType.Started)} THEN 1 ELSE 0 END) > 0
  AND SUM(CASE WHEN ${is(BatchEventType.Cancelled)} OR ${is(BatchEventType.Superseded)} THEN 1 ELSE 0 END) = 0
  AND (${succeededAt} IS NULL OR MAX(occurred_at) > ${succeededAt})`;
    const statement = sql.build(this.firstCopies(sql, `batch_id IN (${open})`), {
      job: { operation: 'open_batches' },
    });
    return (await this.warehouse.query(statement)).map(fromRow);
  }

  /** Batch ids, newest game date and generation first. */
  async batchIds(filter: {
    gameDate?: string;
    sinceDate?: string;
    limit: number;
  }): Promise<string[]> {
    const sql = this.builder();
    const where = [`event_type = ${sql.param(BatchEventType.Started, 'STRING')}`];
    if (filter.gameDate) where.push(`game_date = ${sql.param(filter.gameDate, 'DATE')}`);
    if (filter.sinceDate) where.push(`game_date >= ${sql.param(filter.sinceDate, 'DATE')}`);
    const statement = sql.build(
      `SELECT batch_id, occurred_at FROM ${sql.table(BATCH_EVENTS_TABLE.name)}
WHERE ${where.join(' AND ')}
ORDER BY game_date DESC, occurred_at DESC, batch_id DESC
LIMIT ${sql.param(filter.limit, 'INT64')}`,
      { job: { operation: 'list_batches' } },
    );
    const rows = await this.warehouse.query(statement);
    return [...new Set(rows.map((r) => String(r.batch_id)))];
  }

  /**
   * The events matching `where`, each once with its first occurred_at (a redelivered event
   * keeps its id, and BigQuery's streaming dedupe is best effort, so copies may be stored
   * with later times), and of completions only each player's latest by first occurrence:
   * state derives from it alone, and a player who reported many counts would otherwise
   * make every read grow.
   */
  private firstCopies(sql: SqlBuilder, where: string): string {
    const completed = sql.param(BatchEventType.PlayerCompleted, 'STRING');
    return `SELECT ${this.columns()} FROM (
  SELECT ${this.columns()}, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY occurred_at) AS copy
  FROM ${sql.table(BATCH_EVENTS_TABLE.name)} WHERE ${where}
) AS events
WHERE copy = 1
QUALIFY event_type <> ${completed}
  OR ROW_NUMBER() OVER (PARTITION BY batch_id, event_type, player_lookup ORDER BY occurred_at DESC, event_id DESC) = 1`;
  }

  private builder(): SqlBuilder {
    return new SqlBuilder(this.warehouse.dialect);
  }

  private columns(): string {
    return this.warehouse.dialect.columnList(EVENT_COLUMNS);
  }
}

function toRow(event: BatchEvent): Row {
  return {
    event_id: event.eventId,
    batch_id: event.batchId,
    game_date: event.gameDate,
    event_type: event.type,
    player_lookup: event.playerLookup ?? null,
    predictions_count: event.predictionsCount ?? null,
    run_id: event.runId ?? null,
    payload: event.payload ? JSON.stringify(event.payload) : null,
    occurred_at: event.occurredAt,
    principal: event.principal ?? null,
  };
}

function fromRow(row: Row): BatchEvent {
  const payload =
    typeof row.payload === 'string'
      ? (JSON.parse(row.payload) as Record<string, unknown>)
      : undefined;
  return {
    eventId: String(row.event_id),
    batchId: String(row.batch_id),
    gameDate: String(row.game_date),
    type: String(row.event_type) as BatchEventType,
    occurredAt: String(row.occurred_at),
    ...(typeof row.player_lookup === 'string' ? { playerLookup: row.player_lookup } : {}),
    ...(row.predictions_count !== null ? { predictionsCount: Number(row.predictions_count) } : {}),
    ...(typeof row.run_id === 'string' ? { runId: row.run_id } : {}),
    ...(payload ? { payload } : {}),
    ...(typeof row.principal === 'string' ? { principal: row.principal } : {}),
  };
}
