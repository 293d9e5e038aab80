/**
 * One contract, every adapter: the same cases run against DuckDB always and against real
 * BigQuery when BIGQUERY_PROJECT and Google credentials are present (skipped, saying why,
 * otherwise). BigQuery runs in a throwaway dataset that is dropped afterwards.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { BatchEventsRepository } from '../src/batch/batch-events.repository';
import { BatchEventType, type BatchEvent } from '../src/batch/batch-events';
import {
  ConsolidationRepository,
  type MergeRequest,
} from '../src/consolidation/consolidation.repository';
import { LockRepository } from '../src/consolidation/lock.repository';
import { dedupedSource, planColumns } from '../src/consolidation/merge-plan';
import { StagingCatalogRepository } from '../src/consolidation/staging-catalog.repository';
import { stagingTableDefinition, WORKER_COLUMNS } from '../src/predictions/prediction-columns';
import { PredictionsRepository } from '../src/predictions/predictions.repository';
import { StagingRepository } from '../src/predictions/staging.repository';
import { BigQueryClient } from '../src/warehouse/adapters/bigquery/bigquery.client';
import { DuckDbClient } from '../src/warehouse/adapters/duckdb/duckdb.client';
import { SchemaBootstrap } from '../src/warehouse/schema-bootstrap';
import { stagingPrefix, stagingTableName } from '../src/warehouse/sql/identifiers';
import { SqlBuilder } from '../src/warehouse/sql/sql-builder';
import type { Row } from '../src/warehouse/sql/statement';
import { LOCKS_TABLE, STAGED_ROWS_TABLE } from '../src/warehouse/tables';
import { DEFAULT_BUSINESS_KEY } from '../src/warehouse/tables/predictions.table';
import { WarehouseError, type WarehouseClient } from '../src/warehouse/warehouse-client';

interface Engine {
  readonly name: string;
  /** Why the engine is not tested here, if it is not. */
  readonly skip?: string;
  readonly open: () => Promise<{ client: WarehouseClient; dispose: () => Promise<void> }>;
}

const duckdb: Engine = {
  name: 'DuckDB',
  open: async () => {
    const client = await DuckDbClient.open({ path: ':memory:', connections: 2 });
    return { client, dispose: () => client.close() };
  },
};

function bigQuerySkipReason(): string | undefined {
  const project = process.env.BIGQUERY_PROJECT;
  if (!project) {
    return 'real BigQuery not tested: BIGQUERY_PROJECT is not set (set it, with Google credentials, to run this contract against BigQuery)';
  }
  const adc =
    process.env.GOOGLE_APPLICATION_CREDENTIALS ??
    join(homedir(), '.config', 'gcloud', 'application_default_credentials.json');
  const onGoogleCloud =
    process.env.K_SERVICE !== undefined || process.env.GCE_METADATA_HOST !== undefined;
  if (!existsSync(adc) && !onGoogleCloud) {
    return `real BigQuery not tested: no Google credentials (GOOGLE_APPLICATION_CREDENTIALS or ${adc}; run \`gcloud auth application-default login\`)`;
  }
  return undefined;
}

const bigquery: Engine = {
  name: 'BigQuery',
  ...(bigQuerySkipReason() ? { skip: bigQuerySkipReason() } : {}),
  open: () => {
    const projectId = process.env.BIGQUERY_PROJECT ?? '';
    const datasetId = `coordinator_contract_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const client = new BigQueryClient({
      projectId,
      datasetId,
      location: process.env.BIGQUERY_LOCATION ?? 'US',
      maxBytesBilled: 10 * 1024 ** 3,
      ...(process.env.BIGQUERY_API_ENDPOINT
        ? { apiEndpoint: process.env.BIGQUERY_API_ENDPOINT }
        : {}),
    });
    const dispose = async () => {
      await client.execute({
        sql: `DROP SCHEMA IF EXISTS \`${projectId}.${datasetId}\` CASCADE`,
        params: {},
      });
      await client.close();
    };
    return Promise.resolve({ client, dispose });
  },
};

const GAME_DATE = '2026-01-30';
const BATCH = 'b20260130_1';
const AT = '2026-01-30T15:00:00.123Z';

function anEvent(overrides: Partial<BatchEvent> = {}): BatchEvent {
  return {
    eventId: `${BATCH}:completed:player_a:2`,
    batchId: BATCH,
    gameDate: GAME_DATE,
    type: BatchEventType.PlayerCompleted,
    playerLookup: 'player_a',
    predictionsCount: 2,
    payload: { source: 'contract', nested: [1, 2] },
    occurredAt: AT,
    ...overrides,
  };
}

/** A staged prediction: every required target column set, the rest NULL. */
function aStagedRow(player: string, line: number | null, overrides: Row = {}): Row {
  const row: Row = Object.fromEntries(WORKER_COLUMNS.map((c) => [c.name, null]));
  return Object.assign(row, {
    prediction_id: `${player}-${line ?? 'none'}`,
    system_id: 'ensemble_v1',
    player_lookup: player,
    game_date: GAME_DATE,
    game_id: '0022500700',
    prediction_version: 1,
    predicted_points: 25.5,
    confidence_score: 71.25,
    recommendation: 'OVER',
    current_points_line: line,
    data_quality_issues: ['thin_sample'],
    key_factors: '{"pace":1.5}',
    created_at: AT,
    ...overrides,
  });
}

for (const engine of [duckdb, bigquery]) {
  describe(
    `warehouse contract: ${engine.name}`,
    { ...(engine.skip ? { skip: engine.skip } : {}) },
    () => {
      let client: WarehouseClient;
      let dispose: () => Promise<void> = () => Promise.resolve();

      before(async () => {
        Logger.overrideLogger(false);
        ({ client, dispose } = await engine.open());
        await new SchemaBootstrap(client).run();
      });
      after(async () => dispose());

      it('creates its schema idempotently', async () => {
        await new SchemaBootstrap(client).run();
        const tables = await client.tablesWithPrefix('');
        const names = tables.map((t) => t.name);
        for (const table of [
          'batch_events',
          'consolidation_leases',
          'player_prop_predictions',
          'prediction_snapshots',
          'staged_predictions',
        ]) {
          assert.ok(names.includes(table), `${table} exists`);
        }
        const leases = tables.find((t) => t.name === 'consolidation_leases');
        assert.deepEqual(
          leases?.columns.map((c) => c.name),
          ['game_date', 'owner', 'acquired_at', 'expires_at'],
          'a table comes with its columns, in order',
        );
      });

      it('round-trips typed parameters into normalized values', async () => {
        const sql = new SqlBuilder(client.dialect);
        const rows = await client.query(
          sql.build(`SELECT ${sql.param(GAME_DATE, 'DATE')} AS d, ${sql.param(AT, 'TIMESTAMP')} AS ts,
  ${sql.param(25.5, { kind: 'NUMERIC', precision: 5, scale: 1 })} AS n, ${sql.param(7, 'INT64')} AS i,
  ${sql.param(0.25, 'FLOAT64')} AS f, ${sql.param(true, 'BOOL')} AS b, ${sql.param('{"k":1}', 'JSON')} AS j,
  ${sql.param(['a', 'b'], 'STRING', true)} AS arr, ${sql.param(null, 'STRING')} AS nothing,
  ${sql.param(null, { kind: 'NUMERIC', precision: 4, scale: 1 })} AS no_number`),
        );
        const row = rows[0] ?? {};
        assert.deepEqual(
          { ...row, j: JSON.parse(String(row.j)) as unknown },
          {
            d: GAME_DATE,
            ts: AT,
            n: 25.5,
            i: 7,
            f: 0.25,
            b: true,
            j: { k: 1 },
            arr: ['a', 'b'],
            nothing: null,
            no_number: null,
          },
        );
      });

      it('appends events, reads them back normalized, and a retried append adds no new event', async () => {
        const events = new BatchEventsRepository(client);
        await events.append([
          anEvent(),
          anEvent({
            eventId: `${BATCH}:started`,
            type: BatchEventType.Started,
            playerLookup: undefined,
            predictionsCount: undefined,
          }),
        ]);
        await events.append([anEvent()]);
        const read = await events.eventsOfBatch(BATCH);
        assert.deepEqual([...new Set(read.map((e) => e.eventId))].sort(), [
          `${BATCH}:completed:player_a:2`,
          `${BATCH}:started`,
        ]);
        const completed = read.find((e) => e.type === BatchEventType.PlayerCompleted);
        assert.deepEqual(completed, anEvent());
      });

      it('commits a transaction whole, or nothing of it when a check fails', async () => {
        const date = '2026-02-11';
        const insert = (owner: string) => {
          const sql = new SqlBuilder(client.dialect);
          return sql.build(
            `INSERT INTO ${sql.table(LOCKS_TABLE.name)} (game_date, owner) VALUES (${sql.param(date, 'DATE')}, ${sql.param(owner, 'STRING')})`,
          );
        };
        const owners = async () => {
          const sql = new SqlBuilder(client.dialect);
          const rows = await client.query(
            sql.build(
              `SELECT owner FROM ${sql.table(LOCKS_TABLE.name)} WHERE game_date = ${sql.param(date, 'DATE')} ORDER BY owner`,
            ),
          );
          return rows.map((r) => r.owner);
        };
        const problem = (text: string | null) => {
          const sql = new SqlBuilder(client.dialect);
          return sql.build(
            `SELECT CAST(${sql.param(text, 'STRING')} AS ${client.dialect.typeName('STRING')}) AS problem`,
          );
        };
        const job = { operation: 'contract_tx', gameDate: date };

        await assert.rejects(
          client.transaction(
            [
              { kind: 'write', statement: insert('a'), expectChanged: 1 },
              { kind: 'write', statement: insert('b') },
              { kind: 'check', statement: problem('the sky fell'), check: 'sky' },
            ],
            job,
          ),
          (error: unknown) =>
            error instanceof WarehouseError &&
            error.kind === 'check_failed' &&
            error.check === 'sky' &&
            error.message.includes('the sky fell'),
        );
        assert.deepEqual(await owners(), [], 'a failed check leaves nothing behind');

        await assert.rejects(
          client.transaction(
            [
              { kind: 'write', statement: insert('a') },
              { kind: 'write', statement: insert('b'), expectChanged: 2, check: 'count' },
            ],
            job,
          ),
          (error: unknown) =>
            error instanceof WarehouseError &&
            error.check === 'count' &&
            /changed 1 row\(s\) where 2 were expected/.test(error.message),
        );
        assert.deepEqual(await owners(), [], 'a wrong row count rolls back the writes before it');

        await client.transaction(
          [
            { kind: 'write', statement: insert('a'), expectChanged: 'some' },
            { kind: 'write', statement: insert('b'), expectChanged: 1 },
            { kind: 'check', statement: problem(null), check: 'fine' },
          ],
          job,
        );
        assert.deepEqual(await owners(), ['a', 'b'], 'a transaction whose checks pass commits');
      });

      it('holds one lease per date: taken once, expired to the next taker, fenced, released by its owner', async () => {
        const locks = new LockRepository(client);
        const date = '2026-02-12';
        const t0 = new Date('2026-02-12T10:00:00.000Z');
        const later = (s: number) => new Date(t0.getTime() + s * 1000);
        const fenced = (owner: string, at: Date) =>
          client.transaction([locks.fence(date, owner, at, 30)], {
            operation: 'contract_fence',
            gameDate: date,
          });

        assert.equal(await locks.holder(date), undefined, 'a date nobody took is free');
        assert.equal((await locks.acquire(date, 'run-a', t0, 30))?.owner, 'run-a');
        assert.equal((await locks.acquire(date, 'run-b', later(10), 30))?.owner, 'run-a');
        assert.equal((await locks.acquire(date, 'run-a', later(11), 30))?.owner, 'run-a');
        assert.equal(await locks.renew(date, 'run-b', later(12), 30), false);
        assert.equal(await locks.renew(date, 'run-a', later(12), 30), true);
        await fenced('run-a', later(13));

        // run-a stops renewing: once its lease has expired, run-b takes it, and run-a is fenced.
        assert.equal((await locks.acquire(date, 'run-b', later(60), 30))?.owner, 'run-b');
        await assert.rejects(
          fenced('run-a', later(61)),
          (error: unknown) => error instanceof WarehouseError && error.check === 'lease',
        );
        assert.equal(await locks.renew(date, 'run-a', later(62), 30), false);
        assert.equal(await locks.release(date, 'run-a'), false, 'only the owner releases');
        assert.equal(await locks.release(date, 'run-b'), true);
        assert.equal(await locks.holder(date), undefined);
        assert.equal((await locks.acquire(date, 'run-c', later(63), 30))?.owner, 'run-c');
      });

      it('counts the rows a statement changed', async () => {
        await client.insertRows(LOCKS_TABLE, [
          { game_date: GAME_DATE, owner: 'me', acquired_at: AT, expires_at: AT },
        ]);
        const change = (verb: 'UPDATE' | 'DELETE') => {
          const sql = new SqlBuilder(client.dialect);
          const locks = sql.table(LOCKS_TABLE.name);
          const action =
            verb === 'UPDATE'
              ? `UPDATE ${locks} SET owner = ${sql.param('you', 'STRING')}`
              : `DELETE FROM ${locks}`;
          return client.execute(
            sql.build(`${action} WHERE game_date = ${sql.param(GAME_DATE, 'DATE')}`),
          );
        };
        assert.equal(await change('UPDATE'), 1);
        assert.equal(await change('DELETE'), 1);
        assert.equal(await change('DELETE'), 0);
      });

      it("replaces a player's staging whole: a retry replaces, never appends; empty is allowed", async () => {
        const staging = new StagingRepository(client);
        const catalog = new StagingCatalogRepository(client);
        const batch = 'b20260130_5';
        const stagedRows = async () => {
          const found = (await catalog.tablesOf([batch])).filter((t) =>
            t.name.endsWith('_player_r'),
          );
          assert.ok(found.length <= 1, JSON.stringify(found));
          if (!found[0]) return undefined;
          const sql = new SqlBuilder(client.dialect);
          const from = found[0].slice
            ? `${sql.table(STAGED_ROWS_TABLE.name)} WHERE write_seq = ${found[0].slice.writeSeq}`
            : sql.table(found[0].name);
          return client.query(
            sql.build(
              `SELECT predicted_points, current_points_line, data_quality_issues, created_at FROM ${from}`,
            ),
          );
        };
        const at = new Date().toISOString();
        await staging.replacePlayerStaging(
          batch,
          'player_r',
          [aStagedRow('player_r', 20.5), aStagedRow('player_r', 21.5)],
          at,
        );
        await staging.replacePlayerStaging(
          batch,
          'player_r',
          [aStagedRow('player_r', 20.5, { predicted_points: 30 })],
          at,
        );
        assert.deepEqual(await stagedRows(), [
          {
            predicted_points: 30,
            current_points_line: 20.5,
            data_quality_issues: ['thin_sample'],
            created_at: AT,
          },
        ]);
        await staging.replacePlayerStaging(batch, 'player_r', [], at);
        assert.equal(await stagedRows(), undefined, 'an empty write leaves nothing staged');
        assert.deepEqual(await catalog.tablesOf([batch]), []);
      });

      it('stages writes sent at once each whole, values as sent; a write the engine refuses fails alone and leaves nothing', async () => {
        const staging = new StagingRepository(client);
        const batch = 'b20260130_6';
        const at = '2026-01-30T15:30:00.000Z';
        // Values at the edges of their types, read back as sent (key_factors as JSON text).
        const sent = {
          predicted_points: -7.5,
          confidence_score: 99.99,
          has_prop_line: false,
          completeness_percentage: 0.30000000000000004,
          similar_games_count: 9_007_199_254_740_991,
          data_quality_issues: ['thin_sample', 'late "line"'],
          key_factors: '{"pace":1.5,"notes":["é",null]}',
          predicted_at: '2026-01-30T14:59:59.999Z',
        };
        const typed = (player: string): Row => aStagedRow(player, 20.5, sent);
        const players = ['player_g1', 'player_g2', 'player_g3', 'player_g4'];
        const results = await Promise.allSettled(
          players.map((player) =>
            staging.replacePlayerStaging(
              batch,
              player,
              player === 'player_g3'
                ? [typed(player), aStagedRow(player, 21.5, { predicted_points: 'many' })]
                : [typed(player), aStagedRow(player, 21.5)],
              at,
            ),
          ),
        );
        assert.deepEqual(
          results.map((r) => r.status),
          ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
        );
        const sql = new SqlBuilder(client.dialect);
        const stored = await client.query(
          sql.build(
            `SELECT player_lookup, COUNT(DISTINCT write_seq) AS writes, COUNT(*) AS n FROM ${sql.table(STAGED_ROWS_TABLE.name)}
WHERE batch_id = ${sql.param(batch, 'STRING')} GROUP BY player_lookup ORDER BY player_lookup`,
          ),
        );
        assert.deepEqual(stored, [
          { player_lookup: 'player_g1', writes: 1, n: 2 },
          { player_lookup: 'player_g2', writes: 1, n: 2 },
          { player_lookup: 'player_g4', writes: 1, n: 2 },
        ]);
        const one = new SqlBuilder(client.dialect);
        const [row] = await client.query(
          one.build(
            `SELECT predicted_points, confidence_score, has_prop_line, completeness_percentage, similar_games_count,
  data_quality_issues, key_factors, predicted_at, game_date, staged_at FROM ${one.table(STAGED_ROWS_TABLE.name)}
WHERE batch_id = ${one.param(batch, 'STRING')} AND player_lookup = 'player_g4' AND current_points_line = 20.5`,
          ),
        );
        assert.deepEqual(
          { ...row, key_factors: JSON.parse(String(row?.key_factors)) as unknown },
          {
            ...sent,
            key_factors: { pace: 1.5, notes: ['é', null] },
            game_date: GAME_DATE,
            staged_at: at,
          },
        );
      });

      it('lists and drops tables a worker wrote by prefix', async () => {
        for (const player of ['a', 'b'])
          await client.replaceTable(
            stagingTableDefinition(stagingTableName('b20260130_7', player)),
            [aStagedRow(player, 1.5)],
          );
        const catalog = new StagingCatalogRepository(client);
        assert.deepEqual(await catalog.tableNames(stagingPrefix('b20260130_7')), [
          stagingTableName('b20260130_7', 'a'),
          stagingTableName('b20260130_7', 'b'),
        ]);
        await catalog.drop([
          stagingTableName('b20260130_7', 'a'),
          stagingTableName('b20260130_7', 'b'),
        ]);
        assert.deepEqual(await catalog.tableNames(stagingPrefix('b20260130_7')), []);
      });

      it('says an invalid statement is invalid, not retryable', async () => {
        await assert.rejects(
          client.query({ sql: 'SELECT no_such_column FROM nowhere_at_all', params: {} }),
          (error: unknown) => {
            assert.ok(error instanceof WarehouseError);
            assert.equal(error.retryable, false);
            return true;
          },
        );
      });

      it('keeps one staged row per key: the newest version, then created_at, then prediction_id; a NULL never wins', async () => {
        // [key, predicted_at, created_at, prediction_id] per row; the winner of each key last.
        const T = (hour: number | null) =>
          hour === null ? 'NULL' : `TIMESTAMP '2026-01-30 ${String(hour).padStart(2, '0')}:00:00'`;
        const S = (id: string | null) => (id === null ? 'NULL' : `'${id}'`);
        const rows: [string, number | null, number | null, string | null, boolean][] = [
          ['k1', 10, 1, 'a', false],
          ['k1', null, 11, 'b', true], // no predicted_at: created_at is its version
          ['k2', null, null, 'a', false], // no version at all: never above one that has it
          ['k2', 3, 2, 'b', true],
          ['k3', 5, null, 'z', false], // same version: created_at decides, NULL below a time
          ['k3', 5, 4, 'a', true],
          ['k4', 5, 4, null, false], // same version and time: prediction_id, NULL below
          ['k4', 5, 4, 'c', true],
          ['k5', null, null, null, true], // the only row of its key is kept, NULLs and all
          ['k6', 7, 7, 'x', true], // exact ties: one row of the two is kept
          ['k6', 7, 7, 'x', true],
        ];
        const source = `(SELECT * FROM (VALUES ${rows
          .map(([key, p, c, id, wins], i) =>
            i === 0
              ? `('${key}', CAST(${T(p)} AS TIMESTAMP), CAST(${T(c)} AS TIMESTAMP), CAST(${S(id)} AS VARCHAR), ${String(wins)})`
              : `('${key}', ${T(p)}, ${T(c)}, ${S(id)}, ${String(wins)})`,
          )
          .join(', ')}) AS v(k, predicted_at, created_at, prediction_id, wins)) AS staged`;
        if (client.dialect.engine === 'bigquery') return; // VALUES lists are DuckDB's here
        const kept = await client.query({
          sql: `SELECT k, wins FROM (${dedupedSource({
            dialect: client.dialect,
            gameDate: GAME_DATE,
            source,
            plan: { columns: [], partial: [], absent: [], extras: [], narrowed: [] },
            businessKey: ['k'],
            deactivate: false,
            nowRef: 'NULL',
          })}) ORDER BY k`,
          params: {},
        });
        assert.deepEqual(
          kept.map((r) => [r.k, r.wins]),
          ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((k) => [k, true]),
        );
      });

      it('consolidates staged rows with one MERGE: insert, then update and deactivate', async () => {
        const staging = new StagingRepository(client);
        const catalog = new StagingCatalogRepository(client);
        const repository = new ConsolidationRepository(client);
        const predictions = new PredictionsRepository(client);
        const run = async (round: string) => {
          const tables = await catalog.tablesOf([BATCH]);
          const plan = planColumns(tables, await repository.targetColumns(), 'fail');
          const request: MergeRequest = {
            gameDate: GAME_DATE,
            combineTable: `_combine_contract_${round}`,
            plan,
            businessKey: DEFAULT_BUSINESS_KEY,
            deactivate: true,
            now: new Date().toISOString(),
            job: {
              operation: 'contract_merge',
              batchId: BATCH,
              gameDate: GAME_DATE,
              attempt: `${round}_${randomBytes(3).toString('hex')}`,
            },
          };
          const combined = await repository.combine(request, tables);
          const figures = await repository.figures(combined);
          const locks = new LockRepository(client);
          assert.equal((await locks.acquire(GAME_DATE, round, new Date(), 60))?.owner, round);
          const planned = figures.rowsInserted + figures.rowsUpdated + figures.rowsDeactivated;
          await repository.commitMerge(
            combined,
            locks.fence(GAME_DATE, round, new Date(), 60),
            planned,
            tables,
          );
          assert.equal(await locks.release(GAME_DATE, round), true);
          await catalog.drop([request.combineTable]);
          await catalog.dropStaging(tables);
          return { figures };
        };

        await staging.replacePlayerStaging(
          BATCH,
          'player_a',
          [aStagedRow('player_a', 20.5), aStagedRow('player_a', 21.5)],
          AT,
        );
        await staging.replacePlayerStaging(BATCH, 'player_b', [aStagedRow('player_b', null)], AT);
        const first = await run('first');
        assert.equal(first.figures.rowsInserted, 3);
        assert.equal(await predictions.count({ gameDate: GAME_DATE, activeOnly: true }), 3);

        // player_a comes back with one line changed and the other gone: updated, and superseded.
        await staging.replacePlayerStaging(
          BATCH,
          'player_a',
          [aStagedRow('player_a', 20.5, { predicted_points: 30.5, prediction_id: 'new-id' })],
          AT,
        );
        const second = await run('second');
        assert.equal(second.figures.rowsUpdated, 1);
        assert.equal(second.figures.rowsDeactivated, 1);
        assert.equal(await predictions.count({ gameDate: GAME_DATE, activeOnly: true }), 2);
        const [updated] = await predictions.page(
          { gameDate: GAME_DATE, activeOnly: true, playerLookup: 'player_a' },
          10,
        );
        assert.equal(updated?.predicted_points, 30.5);
        assert.equal(updated?.prediction_id, 'player_a-20.5', 'prediction_id is kept on update');
        assert.match(String(updated?.updated_at), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      });
    },
  );
}
