import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BatchEventType, eventIds } from '../src/batch/batch-events';
import type { Statement } from '../src/warehouse/sql/statement';
import { WarehouseClient } from '../src/warehouse/warehouse-client';
import { somePlayers, somePredictions } from './support/builders';
import { consolidationScenario } from './support/consolidation-api';

const BIGQUERY_MAX_CHARS = 1_000_000;
const BIGQUERY_MAX_TABLES = 1_000;

describe('a large batch: 1,000 staging tables of 30 rows', () => {
  const s = consolidationScenario();

  it('consolidates 30,000 rows in statements within BigQuery limits', async () => {
    const { t, api, clock } = s;
    const date = '2026-01-18';
    const players = somePlayers(1000, 'big');
    const batchId = await api.start(date, players);
    // One staging table written the ordinary way, copied per player the way 1,000 workers would have written theirs.
    const template = await api.writeStagingDirectly(
      batchId,
      'template',
      date,
      somePredictions('template', 30, { gameDate: date }),
    );
    const copies = players.map(
      (p) => `CREATE TABLE "_staging_${batchId}_${p}" AS SELECT * REPLACE ('${p}' AS player_lookup,
        '${p}-' || prediction_id AS prediction_id) FROM "${template}";`,
    );
    for (let i = 0; i < copies.length; i += 250) {
      await api.execute(`BEGIN TRANSACTION;\n${copies.slice(i, i + 250).join('\n')}\nCOMMIT;`);
    }
    await api.execute(`DROP TABLE "${template}"`);
    const batches = api.batches();
    await batches.appendEvents(
      players.map((p) =>
        batches.event(batchId, date, BatchEventType.PlayerCompleted, clock.now().toISOString(), {
          eventId: eventIds.completed(batchId, p, 30),
          playerLookup: p,
          predictionsCount: 30,
        }),
      ),
    );
    assert.equal((await api.stagingTables(batchId)).length, 1000);

    const client = t.app.get(WarehouseClient);
    const seen: Statement[] = [];
    const execute = client.execute.bind(client);
    const query = client.query.bind(client);
    client.execute = (s: Statement) => (seen.push(s), execute(s));
    client.query = (s: Statement) => (seen.push(s), query(s));
    let run;
    try {
      run = await api.consolidate(batchId);
    } finally {
      client.execute = execute;
      client.query = query;
    }
    assert.deepEqual(
      [run.status, run.stagingTables, run.rowsStaged, run.rowsInserted, run.missingPlayers],
      ['SUCCEEDED', 1000, 30_000, 30_000, []],
      String(run.error),
    );
    assert.equal(await api.activeRows(date), 30_000);
    assert.equal(await api.duplicateKeys(date), 0);
    assert.deepEqual(await api.stagingTables(batchId), []);

    const combines = seen.filter((s) => s.job?.operation.startsWith('combine_'));
    assert.ok(combines.length >= 2, 'the staging is combined in chunks');
    for (const statement of seen) {
      const tables = statement.sql.match(/"_staging_[^"]+"/g)?.length ?? 0;
      assert.ok(
        statement.sql.length <= BIGQUERY_MAX_CHARS,
        `${statement.job?.operation}: ${statement.sql.length} chars`,
      );
      assert.ok(tables <= BIGQUERY_MAX_TABLES, `${statement.job?.operation}: ${tables} tables`);
    }
  });
});
