/**
 * Every statement the BigQuery dialect produces, each recorded by running the real
 * repository method on a warehouse that only records. The ZetaSQL suite analyzes them
 * all; `npm run sql:snapshots` writes them to docs/sql/bigquery/. Adding a statement to
 * both is one entry here.
 */
import { join } from 'node:path';
import { BatchEventsRepository } from '../src/batch/batch-events.repository';
import { BatchEventType } from '../src/batch/batch-events';
import {
  ConsolidationRepository,
  type MergeRequest,
} from '../src/consolidation/consolidation.repository';
import { LockRepository } from '../src/consolidation/lock.repository';
import { columnsToAppend, planColumns, type DriftPolicy } from '../src/consolidation/merge-plan';
import {
  StagingCatalogRepository,
  type StagedColumn,
  type StagingTable,
} from '../src/consolidation/staging-catalog.repository';
import { WORKER_COLUMNS } from '../src/predictions/prediction-columns';
import { PredictionsRepository } from '../src/predictions/predictions.repository';
import { RestoreRepository } from '../src/predictions/restore.repository';
import { DuplicatesRepository } from '../src/predictions/duplicates.repository';
import { MaintenanceKind } from '../src/predictions/maintenance-run';
import { MaintenanceRunsRepository } from '../src/predictions/maintenance-runs.repository';
import { ConsolidationStatus } from '../src/consolidation/consolidation-run';
import { StagingRepository } from '../src/predictions/staging.repository';
import { BigQueryDialect } from '../src/warehouse/adapters/bigquery/bigquery.dialect';
import {
  appendStatement,
  isStreamedTable,
  replaceStatement,
} from '../src/warehouse/adapters/bigquery/row-statements';
import { SchemaBootstrap } from '../src/warehouse/schema-bootstrap';
import { stagingTableName } from '../src/warehouse/sql/identifiers';
import type { JobKey, Row, Statement } from '../src/warehouse/sql/statement';
import { transactionScript } from '../src/warehouse/adapters/bigquery/transaction-script';
import {
  col,
  isNumeric,
  numeric,
  type ColumnDefinition,
  type ColumnType,
  type TableDefinition,
} from '../src/warehouse/table-definition';
import {
  OWNED_TABLES,
  PREDICTIONS_TABLE,
  SNAPSHOTS_TABLE,
  STAGED_ROWS_TABLE,
} from '../src/warehouse/tables';
import { SLICE_COLUMNS } from '../src/warehouse/tables/staged-rows.table';
import { DEFAULT_BUSINESS_KEY } from '../src/warehouse/tables/predictions.table';
import {
  WarehouseClient,
  type TableInfo,
  type TransactionStep,
} from '../src/warehouse/warehouse-client';

export const EXAMPLE_NAMES = {
  projectId: 'example-project',
  datasetId: 'nba_predictions',
} as const;
const dialect = new BigQueryDialect(EXAMPLE_NAMES);

const GAME_DATE = '2026-01-30';
const BATCH = 'b20260130_1';
const NOW = new Date('2026-01-30T23:00:00.000Z');
const RUN_JOB = { operation: 'consolidate', batchId: BATCH, gameDate: GAME_DATE, attempt: 'run1' };

/** Answers the queries a method reads back; everything else gets no rows. */
type Answer = (statement: Statement) => Row[];

/** A warehouse that runs nothing: it keeps each statement the BigQuery client would send. */
export class RecordingWarehouse extends WarehouseClient {
  readonly dialect = dialect;
  readonly statements: Statement[] = [];

  constructor(
    private readonly answer: Answer = () => [],
    private readonly changed: (statement: Statement) => number = () => 1,
    private readonly tables: readonly TableInfo[] = [],
  ) {
    super();
  }

  /** As BigQueryClient: the tables API, no SQL. */
  tablesWithPrefix(prefix: string): Promise<TableInfo[]> {
    return Promise.resolve(this.tables.filter((t) => t.name.startsWith(prefix)));
  }

  query(statement: Statement): Promise<Row[]> {
    this.statements.push(statement);
    return Promise.resolve(this.answer(statement));
  }

  execute(statement: Statement): Promise<number> {
    this.statements.push(statement);
    return Promise.resolve(this.changed(statement));
  }

  /** As BigQueryClient: the event log is streamed (no SQL), other tables get one INSERT. */
  appendRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    if (!isStreamedTable(table.name)) this.statements.push(appendStatement(dialect, table, rows));
    return Promise.resolve(rows.length);
  }

  insertRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    this.statements.push(appendStatement(dialect, table, rows, false));
    return Promise.resolve(rows.length);
  }

  replaceTable(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    this.statements.push(replaceStatement(dialect, table, rows));
    return Promise.resolve(rows.length);
  }

  /** As BigQueryClient: the steps and their checks as one transaction script. */
  transaction(steps: readonly TransactionStep[], job: JobKey): Promise<void> {
    this.statements.push(transactionScript(steps, job));
    return Promise.resolve();
  }

  ensureDatabase(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export interface CatalogEntry {
  /** docs/sql/bigquery/<file>.sql */
  readonly file: string;
  readonly name: string;
  /** The repository methods (Class.method) whose statements this entry records. */
  readonly covers: readonly string[];
  /** Tables the statements read besides the owned ones (made earlier in the flow); same name replaces. */
  readonly tables?: readonly TableDefinition[];
  readonly answer?: Answer;
  /** Rows each DML statement reports changed (1 when absent). */
  readonly changed?: (statement: Statement) => number;
  /** The dataset's tables as the tables API lists them (none when absent). */
  readonly datasetTables?: readonly TableInfo[];
  readonly run: (warehouse: RecordingWarehouse) => Promise<unknown>;
}

export interface RecordedEntry {
  readonly entry: CatalogEntry;
  readonly statements: readonly Statement[];
}

export async function recordEntry(entry: CatalogEntry): Promise<RecordedEntry> {
  const warehouse = new RecordingWarehouse(entry.answer, entry.changed, entry.datasetTables);
  await entry.run(warehouse);
  return { entry, statements: warehouse.statements };
}

/** The tables the analyzer knows for an entry: the owned ones, staging variants, then the entry's. */
export function tablesFor(entry: CatalogEntry): TableDefinition[] {
  const byName = new Map<string, TableDefinition>();
  for (const table of [...OWNED_TABLES, ...STAGING_VARIANTS, ...(entry.tables ?? [])])
    byName.set(table.name, table);
  return [...byName.values()];
}

// ---- staging tables and MERGE scenarios -------------------------------------------------

const EXTRA_COLUMN = col('edge_score', 'FLOAT64');
const DROPPED_IN_FEWER = [
  'sportsbook',
  'line_margin',
  'key_factors',
  'warnings',
  'injury_checked_at',
];

function staging(player: string, columns: readonly ColumnDefinition[]): TableDefinition {
  return { name: stagingTableName(BATCH, player), columns };
}

/** Staging as workers write it: all 63 worker columns, fewer, one extra, or every target column. */
const FULL = staging('full', WORKER_COLUMNS);
const FEWER = staging(
  'fewer',
  WORKER_COLUMNS.filter((c) => !DROPPED_IN_FEWER.includes(c.name)),
);
const EXTRA = staging('extra', [...WORKER_COLUMNS, EXTRA_COLUMN]);
const IDENTICAL = staging('identical', PREDICTIONS_TABLE.columns);
/** A worker's own table holding the NUMERIC columns as FLOAT64 (values checked against the scale). */
const FLOATS = staging(
  'floats',
  WORKER_COLUMNS.map((c) => (isNumeric(c.type) ? { ...c, type: 'FLOAT64' as const } : c)),
);
const STAGING_VARIANTS = [FULL, FEWER, EXTRA, IDENTICAL];

/** What INFORMATION_SCHEMA.COLUMNS reports for a table. */
function stagedColumns(columns: readonly ColumnDefinition[]): StagedColumn[] {
  return columns.map((c) => ({
    name: c.name,
    dataType: dialect.typeName(c.type, c.mode === 'REPEATED'),
  }));
}

function stagingTable(table: TableDefinition): StagingTable {
  return { name: table.name, batchId: BATCH, columns: stagedColumns(table.columns) };
}

/** A data_type from INFORMATION_SCHEMA back to a column definition (for the analyzer's catalog). */
function columnOf(column: StagedColumn): ColumnDefinition {
  const array = /^ARRAY<(.+)>$/.exec(column.dataType);
  const scalar = array?.[1] ?? column.dataType;
  const decimal = /^NUMERIC\((\d+), ?(\d+)\)$/.exec(scalar);
  const type: ColumnType = decimal
    ? numeric(Number(decimal[1]), Number(decimal[2]))
    : (scalar as ColumnType);
  return col(column.name, type, { mode: array ? 'REPEATED' : 'NULLABLE' });
}

interface MergeScenario {
  readonly name: string;
  /** Staging tables of their own (a worker's, or left by an older version). */
  readonly staging: readonly TableDefinition[];
  /** Players whose newest writes in the shared staging table the run merges. */
  readonly slices?: number;
  readonly policy: DriftPolicy;
  readonly deactivate: boolean;
}

/** The shared staging table's staged columns as BigQuery reports them. */
const SHARED_COLUMNS = stagedColumns(
  STAGED_ROWS_TABLE.columns.filter((c) => !SLICE_COLUMNS.includes(c.name)),
);

function slices(count: number): StagingTable[] {
  return Array.from({ length: count }, (_, i) => {
    const player = `p${String(i + 1).padStart(4, '0')}`;
    return {
      name: stagingTableName(BATCH, player),
      batchId: BATCH,
      columns: SHARED_COLUMNS,
      slice: { playerLookup: player, writeSeq: 1_769_785_200_000_000 + i },
    };
  });
}

function mergeEntry(scenario: MergeScenario): CatalogEntry {
  const tables = [...scenario.staging.map(stagingTable), ...slices(scenario.slices ?? 0)];
  const before = stagedColumns(PREDICTIONS_TABLE.columns);
  const firstPlan = planColumns(tables, before, scenario.policy);
  const added = scenario.policy === 'append_new_columns' ? columnsToAppend(firstPlan) : [];
  const target: TableDefinition = {
    ...PREDICTIONS_TABLE,
    columns: [...PREDICTIONS_TABLE.columns, ...added.map(columnOf)],
  };
  const plan = planColumns(tables, stagedColumns(target.columns), scenario.policy);
  const request: MergeRequest = {
    gameDate: GAME_DATE,
    combineTable: '_combine_run1',
    plan,
    businessKey: DEFAULT_BUSINESS_KEY,
    deactivate: scenario.deactivate,
    now: NOW.toISOString(),
    job: RUN_JOB,
  };
  const combine: TableDefinition = {
    name: request.combineTable,
    columns: [
      ...plan.columns.map((c) =>
        plan.narrowed.some((n) => n.name === c.name) ? col(c.name, numeric(38, 9)) : columnOf(c),
      ),
      ...plan.partial.map((name) => col(`_present_${name}`, 'BOOL')),
    ],
  };
  return {
    file: 'merge',
    name: `MERGE: ${scenario.name}`,
    covers: [
      ...['addTargetColumns', 'combine', 'figures', 'commitMerge'].map(
        (m) => `ConsolidationRepository.${m}`,
      ),
      `${lock}.fence`,
    ],
    // Large batches are combined in parts first (merge-plan combineStatements).
    tables: [
      ...scenario.staging,
      combine,
      ...Array.from({ length: 4 }, (_, i) => ({ ...combine, name: `${combine.name}_p${i}` })),
      target,
    ],
    run: async (warehouse) => {
      const repository = new ConsolidationRepository(warehouse);
      if (added.length > 0) await repository.addTargetColumns(added);
      const combined = await repository.combine(request, tables);
      await repository.figures(combined);
      const fence = new LockRepository(warehouse).fence(GAME_DATE, 'run1', NOW, 120);
      await repository.commitMerge(combined, fence, 42, tables);
    },
  };
}

function manyStagingTables(count: number): TableDefinition[] {
  return Array.from({ length: count }, (_, i) =>
    staging(`p${String(i + 1).padStart(4, '0')}`, WORKER_COLUMNS),
  );
}

// ---- the catalog ---------------------------------------------------------------------------

/** A staging table of its own, as the tables API describes it. */
const OWN_TABLE: TableInfo = {
  name: FULL.name,
  createdAt: NOW.toISOString(),
  version: String(NOW.getTime()),
  columns: stagedColumns(FULL.columns),
};

/** One player's write in the shared table. */
function stagingAnswers(statement: Statement): Row[] {
  const operation = statement.job?.operation;
  if (operation === 'staged_slices')
    return [{ batch_id: BATCH, player_lookup: 'lebron_james', write_seq: 7 }];
  if (operation === 'staged_columns')
    return SHARED_COLUMNS.map((c) => ({ column_name: c.name, data_type: c.dataType }));
  return [];
}

function events(warehouse: WarehouseClient): BatchEventsRepository {
  return new BatchEventsRepository(warehouse);
}

/** listColumns on an older target: the columns added since are missing and get added. */
const olderSchema: Answer = (statement) => {
  const table = OWNED_TABLES.find((t) => t.name === statement.params.table_name?.value);
  return (table?.columns ?? [])
    .filter((c) => c.workerWritten)
    .map((c) => ({ column_name: c.name }));
};

const sampleRows: Row[] = [
  {
    prediction_id: 'pred-1',
    system_id: 'ensemble_v1',
    player_lookup: 'lebron_james',
    game_date: GAME_DATE,
    game_id: '0022500700',
    predicted_points: 25.5,
    confidence_score: 71.25,
    recommendation: 'OVER',
    current_points_line: 24.5,
    data_quality_issues: ['none'],
    key_factors: '{"pace":1.2}',
    created_at: NOW.toISOString(),
  },
];

const ev = 'BatchEventsRepository';
const lock = 'LockRepository';
const cat = 'StagingCatalogRepository';
const con = 'ConsolidationRepository';
const pre = 'PredictionsRepository';
const dup = 'DuplicatesRepository';
const mnt = 'MaintenanceRunsRepository';

export const BIGQUERY_SQL_CATALOG: readonly CatalogEntry[] = [
  // Schema bootstrap: the dataset's tables, and the columns a newer definition adds.
  {
    file: 'schema',
    name: 'schema bootstrap (an older target: 9 columns added)',
    covers: ['SchemaBootstrap.run'],
    answer: olderSchema,
    run: (w) => new SchemaBootstrap(w).run(),
  },

  // The batch event log (appends are streamed with insertAll: no SQL).
  {
    file: 'batch-events',
    name: 'eventsOfBatch',
    covers: [`${ev}.eventsOfBatch`],
    run: (w) => events(w).eventsOfBatch(BATCH),
  },
  {
    file: 'batch-events',
    name: 'historyOfBatch (the audit trail: every event once, oldest first)',
    covers: [`${ev}.historyOfBatch`],
    run: (w) => events(w).historyOfBatch(BATCH),
  },
  {
    file: 'batch-events',
    name: 'eventsOfDate',
    covers: [`${ev}.eventsOfDate`],
    run: (w) => events(w).eventsOfDate(GAME_DATE),
  },
  {
    file: 'batch-events',
    name: 'eventsOfOpenBatches (the cron and the stall check: one read, no time window)',
    covers: [`${ev}.eventsOfOpenBatches`],
    run: (w) => events(w).eventsOfOpenBatches(),
  },
  {
    file: 'batch-events',
    name: 'batchIds (date)',
    covers: [`${ev}.batchIds`],
    run: (w) => events(w).batchIds({ gameDate: GAME_DATE, limit: 20 }),
  },
  {
    file: 'batch-events',
    name: 'batchIds (since)',
    covers: [`${ev}.batchIds`],
    run: (w) => events(w).batchIds({ sinceDate: '2026-01-01', limit: 20 }),
  },
  {
    file: 'batch-events',
    name: 'batchIds (all)',
    covers: [`${ev}.batchIds`],
    run: (w) => events(w).batchIds({ limit: 20 }),
  },
  {
    file: 'batch-events',
    name: 'append (streamed with insertAll)',
    covers: [`${ev}.append`],
    run: (w) =>
      events(w).append([
        {
          eventId: `${BATCH}:started`,
          batchId: BATCH,
          gameDate: GAME_DATE,
          type: BatchEventType.Started,
          occurredAt: NOW.toISOString(),
        },
      ]),
  },

  // The consolidation lease.
  {
    file: 'lock',
    name: 'acquire (a conditional UPDATE of every row of the date)',
    covers: [`${lock}.acquire`],
    run: (w) => new LockRepository(w).acquire(GAME_DATE, 'run1', NOW, 120),
  },
  {
    file: 'lock',
    name: "acquire (a date's first lease: read, insert a free row, take again)",
    covers: [`${lock}.acquire`, `${lock}.rows`],
    changed: () => 0,
    run: (w) => new LockRepository(w).acquire(GAME_DATE, 'run1', NOW, 120),
  },
  {
    file: 'lock',
    name: 'holder',
    covers: [`${lock}.holder`],
    run: (w) => new LockRepository(w).holder(GAME_DATE),
  },
  {
    file: 'lock',
    name: 'renew',
    covers: [`${lock}.renew`],
    run: (w) => new LockRepository(w).renew(GAME_DATE, 'run1', NOW, 120),
  },
  {
    file: 'lock',
    name: 'release',
    covers: [`${lock}.release`],
    run: (w) => new LockRepository(w).release(GAME_DATE, 'run1'),
  },

  // Staging: workers' writes, and the catalog of staging tables.
  {
    file: 'staging',
    name: 'replacePlayerStaging (one INSERT job; rows in one JSON parameter)',
    covers: [
      'StagingRepository.replacePlayerStaging',
      'StagingRepository.nextWrite',
      'StagingRepository.highestStoredWrite',
    ],
    run: (w) =>
      new StagingRepository(w).replacePlayerStaging(
        BATCH,
        'lebron_james',
        sampleRows,
        NOW.toISOString(),
      ),
  },
  {
    file: 'staging',
    name: "replacePlayerStaging (an empty write clears the player's writes)",
    covers: ['StagingRepository.replacePlayerStaging'],
    run: (w) =>
      new StagingRepository(w).replacePlayerStaging(BATCH, 'lebron_james', [], NOW.toISOString()),
  },
  {
    file: 'staging',
    name: "tablesOf (a batch's newest writes, and any staging table of its own)",
    covers: [`${cat}.tablesOf`, `${cat}.ownTables`, `${cat}.slicesOf`, `${cat}.columnsOfShared`],
    answer: stagingAnswers,
    datasetTables: [OWN_TABLE],
    run: (w) => new StagingCatalogRepository(w).tablesOf([BATCH, 'b20260130_2']),
  },
  {
    file: 'staging',
    name: 'versionsOf (a staging table of its own is kept if replaced during the run: no SQL)',
    covers: [`${cat}.versionsOf`],
    datasetTables: [OWN_TABLE],
    run: (w) => new StagingCatalogRepository(w).versionsOf([stagingTable(FULL)]),
  },
  {
    file: 'staging',
    name: 'lastStagedAt (a late completion: was the player restaged after the last run?)',
    covers: [`${cat}.lastStagedAt`],
    datasetTables: [OWN_TABLE],
    run: (w) => new StagingCatalogRepository(w).lastStagedAt([BATCH, 'b20260130_2'], 'full'),
  },
  {
    file: 'staging',
    name: 'stagingByBatch (for the orphan sweep)',
    covers: [`${cat}.stagingByBatch`],
    answer: stagingAnswers,
    datasetTables: [OWN_TABLE],
    run: (w) => new StagingCatalogRepository(w).stagingByBatch(),
  },
  {
    file: 'staging',
    name: 'tableNames (the tables API: no SQL)',
    covers: [`${cat}.tableNames`],
    run: (w) => new StagingCatalogRepository(w).tableNames('_combine_'),
  },
  {
    file: 'staging',
    name: 'drop',
    covers: [`${cat}.drop`],
    run: (w) => new StagingCatalogRepository(w).drop([FULL.name]),
  },
  {
    file: 'staging',
    name: 'dropStaging (consolidated staging tables of their own)',
    covers: [`${cat}.dropStaging`],
    run: (w) =>
      new StagingCatalogRepository(w).dropStaging([
        { name: FULL.name, batchId: BATCH, columns: [] },
      ]),
  },

  // The MERGE in every shape the planner makes.
  mergeEntry({
    name: "players' newest writes in the shared staging table (read in place)",
    staging: [],
    slices: 3,
    policy: 'fail',
    deactivate: true,
  }),
  mergeEntry({
    name: "1,000 players' writes (no statement grows with the players)",
    staging: [],
    slices: 1000,
    policy: 'fail',
    deactivate: true,
  }),
  mergeEntry({
    name: 'writes and a staging table of its own (combined first)',
    staging: [FULL],
    slices: 2,
    policy: 'fail',
    deactivate: true,
  }),
  mergeEntry({ name: 'identical columns', staging: [IDENTICAL], policy: 'fail', deactivate: true }),
  mergeEntry({
    name: '63 worker columns (9 target-only), 1 staging table, deactivation on',
    staging: [FULL],
    policy: 'fail',
    deactivate: true,
  }),
  mergeEntry({
    name: '63 worker columns, 1 staging table, deactivation off',
    staging: [FULL],
    policy: 'fail',
    deactivate: false,
  }),
  mergeEntry({
    name: 'one staging table with fewer columns (kept on update)',
    staging: [FULL, FEWER],
    policy: 'fail',
    deactivate: true,
  }),
  mergeEntry({
    name: 'an extra staging column under append_new_columns',
    staging: [FULL, EXTRA],
    policy: 'append_new_columns',
    deactivate: true,
  }),
  mergeEntry({
    name: 'an extra staging column under ignore',
    staging: [EXTRA],
    policy: 'ignore',
    deactivate: true,
  }),
  mergeEntry({
    name: "a worker's table with FLOAT64 numbers (carried unrounded, checked against the scale)",
    staging: [FULL, FLOATS],
    policy: 'fail',
    deactivate: true,
  }),
  mergeEntry({
    name: '1,000 staging tables (combined in chunks)',
    staging: manyStagingTables(1000),
    policy: 'fail',
    deactivate: true,
  }),
  {
    file: 'merge',
    name: 'targetColumns',
    covers: [`${con}.targetColumns`],
    run: (w) => new ConsolidationRepository(w).targetColumns(),
  },
  {
    file: 'merge',
    name: 'playersWithRows',
    covers: [`${con}.playersWithRows`],
    run: (w) =>
      new ConsolidationRepository(w).playersWithRows(GAME_DATE, ['lebron_james', 'luka_doncic']),
  },
  {
    file: 'merge',
    name: 'snapshotDate (BigQuery has time travel: no snapshot is written)',
    covers: [`${con}.snapshotDate`],
    run: (w) =>
      new ConsolidationRepository(w).snapshotDate(
        GAME_DATE,
        'run1_1before',
        'before_merge',
        NOW.toISOString(),
        RUN_JOB,
      ),
  },
  {
    file: 'merge',
    name: 'keepAfterImage (BigQuery has time travel: no after-image is written)',
    covers: [`${con}.keepAfterImage`],
    run: (w) =>
      new ConsolidationRepository(w).keepAfterImage(
        GAME_DATE,
        'run1_2after',
        NOW.toISOString(),
        RUN_JOB,
        new LockRepository(w).fence(GAME_DATE, 'run1', NOW, 120),
      ),
  },
  {
    file: 'merge',
    name: 'pruneSnapshots (BigQuery has time travel: there are no snapshots to prune)',
    covers: [`${con}.pruneSnapshots`],
    run: (w) => new ConsolidationRepository(w).pruneSnapshots(NOW.toISOString()),
  },

  // Prediction queries, and the restore (time travel on BigQuery, its dry run first).
  {
    file: 'predictions',
    name: 'page (first)',
    covers: [`${pre}.page`],
    run: (w) => new PredictionsRepository(w).page({ gameDate: GAME_DATE, activeOnly: true }, 50),
  },
  {
    file: 'predictions',
    name: 'page (filtered, after a cursor)',
    covers: [`${pre}.page`],
    run: (w) =>
      new PredictionsRepository(w).page(
        {
          gameDate: GAME_DATE,
          activeOnly: false,
          playerLookup: 'lebron_james',
          systemId: 'ensemble_v1',
        },
        50,
        { playerLookup: 'lebron_james', systemId: 'ensemble_v1', predictionId: 'pred-1' },
      ),
  },
  {
    file: 'predictions',
    name: 'count',
    covers: [`${pre}.count`],
    run: (w) =>
      new PredictionsRepository(w).count({
        gameDate: GAME_DATE,
        activeOnly: true,
        systemId: 'ensemble_v1',
      }),
  },
  {
    file: 'predictions',
    name: 'summary',
    covers: [`${pre}.summary`],
    run: (w) => new PredictionsRepository(w).summary(GAME_DATE, DEFAULT_BUSINESS_KEY),
  },
  {
    file: 'predictions',
    name: 'activePlayers',
    covers: [`${pre}.activePlayers`],
    run: (w) => new PredictionsRepository(w).activePlayers(GAME_DATE),
  },
  {
    file: 'predictions',
    name: 'snapshotAsOf',
    covers: [`${pre}.snapshotAsOf`],
    run: (w) => new PredictionsRepository(w).snapshotAsOf(GAME_DATE, NOW.toISOString()),
  },
  {
    file: 'restore',
    name: 'figures (the dry run, time travel)',
    covers: ['RestoreRepository.figures'],
    run: (w) =>
      new RestoreRepository(w).figures(GAME_DATE, NOW.toISOString(), { kind: 'time_travel' }),
  },
  {
    file: 'restore',
    name: 'restore (time travel; one transaction fenced by the lease)',
    covers: ['RestoreRepository.restore', `${lock}.fence`],
    run: (w) =>
      new RestoreRepository(w).restore(
        GAME_DATE,
        NOW.toISOString(),
        { kind: 'time_travel' },
        new LockRepository(w).fence(GAME_DATE, 'restore_run1', NOW, 120),
      ),
  },

  // Duplicated business keys in the target, and their repair under the lease.
  {
    file: 'repair',
    name: 'figures (duplicated keys and their active rows)',
    covers: [`${dup}.figures`],
    run: (w) => new DuplicatesRepository(w).figures(GAME_DATE, DEFAULT_BUSINESS_KEY),
  },
  {
    file: 'repair',
    name: 'rankedRows (duplicateKeys: the rows of the first keys, the one kept first)',
    covers: [`${dup}.rankedRows`],
    run: (w) => new DuplicatesRepository(w).rankedRows(GAME_DATE, DEFAULT_BUSINESS_KEY, 100),
  },
  {
    file: 'repair',
    name: 'repair (one transaction: fence, MERGE, no key left duplicated)',
    covers: [`${dup}.repair`, `${lock}.fence`],
    run: (w) =>
      new DuplicatesRepository(w).repair(
        GAME_DATE,
        DEFAULT_BUSINESS_KEY,
        PREDICTIONS_TABLE.columns.map((c) => c.name),
        NOW.toISOString(),
        new LockRepository(w).fence(GAME_DATE, 'repair_run1', NOW, 120),
        { keys: 3, rows: 7, copies: 1 },
      ),
  },

  // The record of repairs and restores (appends are streamed with insertAll: no SQL).
  {
    file: 'maintenance-runs',
    name: 'runs (a date and kind)',
    covers: [`${mnt}.runs`],
    run: (w) =>
      new MaintenanceRunsRepository(w).runs({
        gameDate: GAME_DATE,
        kind: MaintenanceKind.RESTORE,
        limit: 20,
      }),
  },
  {
    file: 'maintenance-runs',
    name: 'runs (all, newest first)',
    covers: [`${mnt}.runs`],
    run: (w) => new MaintenanceRunsRepository(w).runs({ limit: 20 }),
  },
  {
    file: 'maintenance-runs',
    name: 'record (streamed with insertAll)',
    covers: [`${mnt}.record`],
    run: (w) =>
      new MaintenanceRunsRepository(w).record({
        id: 'repair_run1',
        kind: MaintenanceKind.REPAIR_DUPLICATES,
        gameDate: GAME_DATE,
        dryRun: false,
        status: ConsolidationStatus.SUCCEEDED,
        principal: 'api-key:0123456789ab',
        startedAt: NOW.toISOString(),
        finishedAt: NOW.toISOString(),
        asOf: null,
        figures: { duplicateKeys: 3, rowsDeactivated: 3 },
        error: null,
      }),
  },

  // The adapter's own statements: DML appends to tables that are not streamed; dialect helpers.
  {
    file: 'adapter',
    name: 'appendRows to the snapshot table (no key)',
    covers: ['BigQueryClient.appendRows'],
    run: (w) =>
      w.appendRows(SNAPSHOTS_TABLE, [
        {
          snapshot_id: 's1',
          snapshot_at: NOW.toISOString(),
          snapshot_reason: 'before_merge',
          ...sampleRows[0],
        },
      ]),
  },
];

/** Where the snapshots live (this module runs from dist/scripts). */
export const SNAPSHOT_DIR = join(__dirname, '..', '..', 'docs', 'sql', 'bigquery');
export const SNAPSHOT_COMMAND = 'npm run sql:snapshots';

/** Statements longer than this are shown by their head and tail (the 1,000-table combine). */
const SNAPSHOT_MAX_CHARS = 20_000;

function shown(sql: string): string {
  if (sql.length <= SNAPSHOT_MAX_CHARS) return sql;
  const lines = sql.split('\n');
  const head = lines.slice(0, 12);
  const tail = lines.slice(-3);
  return [
    ...head,
    `-- ... ${lines.length - head.length - tail.length} more lines of the same shape ...`,
    ...tail,
  ].join('\n');
}

/** docs/sql/bigquery/<file>.sql, as the generator writes them. */
export function renderSnapshots(recorded: readonly RecordedEntry[]): Map<string, string> {
  const files = new Map<string, string[]>();
  for (const { entry, statements } of recorded) {
    const parts = files.get(entry.file) ?? [];
    if (statements.length === 0) parts.push(`-- ${entry.name}\n-- (no SQL)\n`);
    statements.forEach((statement, i) => {
      const label =
        statements.length > 1 ? `${entry.name} [${i + 1}/${statements.length}]` : entry.name;
      const params = Object.entries(statement.params).map(
        ([name, p]) =>
          `@${name} ${dialect.typeName(p.type, p.repeated === true || Array.isArray(p.value))}`,
      );
      const header = [
        `-- ${label}`,
        ...(params.length > 0 ? [`-- parameters: ${params.join(', ')}`] : []),
      ];
      parts.push(`${header.join('\n')}\n${shown(statement.sql)};\n`);
    });
    files.set(entry.file, parts);
  }
  const banner = `-- Generated from the BigQuery dialect by \`${SNAPSHOT_COMMAND}\`; do not edit by hand.\n\n`;
  return new Map([...files].map(([file, parts]) => [`${file}.sql`, banner + parts.join('\n')]));
}

/** Every snapshot file's expected text. */
export async function expectedSnapshots(): Promise<Map<string, string>> {
  const recorded: RecordedEntry[] = [];
  for (const entry of BIGQUERY_SQL_CATALOG) recorded.push(await recordEntry(entry));
  return renderSnapshots(recorded);
}
