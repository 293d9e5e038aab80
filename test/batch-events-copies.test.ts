/**
 * BigQuery's streaming dedupe (insertId) is best effort: a redelivered event may be stored
 * twice, the copy with a later occurred_at. The event log's reads must see each event once,
 * at its first time. DuckDB's own table refuses copies (a primary key), so the reads run
 * here on a table shaped as on BigQuery (no key), holding such copies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BatchEventsRepository } from '../src/batch/batch-events.repository';
import { BatchEventType, eventIds, type BatchEvent } from '../src/batch/batch-events';
import { DuckDbClient } from '../src/warehouse/adapters/duckdb/duckdb.client';
import { BATCH_EVENTS_TABLE } from '../src/warehouse/tables';

const BATCH = 'b20260130_1';
const DATE = '2026-01-30';

function completion(player: string, count: number, at: string): BatchEvent {
  return {
    eventId: eventIds.completed(BATCH, player, count),
    batchId: BATCH,
    gameDate: DATE,
    type: BatchEventType.PlayerCompleted,
    playerLookup: player,
    predictionsCount: count,
    occurredAt: `${DATE}T${at}:00.000Z`,
  };
}

describe('the event log read where copies of an event are stored (BigQuery streaming)', () => {
  let client: DuckDbClient;

  before(async () => {
    client = await DuckDbClient.open({ path: ':memory:', connections: 1 });
    const withoutKey = { ...BATCH_EVENTS_TABLE, primaryKey: undefined };
    await client.execute({ sql: client.dialect.createTableIfNotExists(withoutKey), params: {} });
    const rows = [
      completion('ann', 5, '15:01'),
      completion('ann', 7, '15:02'),
      completion('ann', 5, '15:03'), // the worker's retry of its first report, stored again
      completion('bob', 3, '15:04'),
      completion('bob', 3, '15:05'),
    ].map((e) => ({
      event_id: e.eventId,
      batch_id: e.batchId,
      game_date: e.gameDate,
      event_type: e.type,
      player_lookup: e.playerLookup,
      predictions_count: e.predictionsCount,
      run_id: null,
      payload: null,
      occurred_at: e.occurredAt,
    }));
    await client.insertRows(withoutKey, rows);
  });
  after(() => client.close());

  for (const read of ['eventsOfBatch', 'eventsOfDate'] as const) {
    it(`${read}: each event once, at its first time; the latest report by first occurrence`, async () => {
      const repository = new BatchEventsRepository(client);
      const events =
        read === 'eventsOfBatch'
          ? await repository.eventsOfBatch(BATCH)
          : await repository.eventsOfDate(DATE);
      assert.deepEqual(
        events.map((e) => [e.playerLookup, e.predictionsCount, e.occurredAt]).sort(),
        [
          ['ann', 7, `${DATE}T15:02:00.000Z`],
          ['bob', 3, `${DATE}T15:04:00.000Z`],
        ],
      );
    });
  }
});
