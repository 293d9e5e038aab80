import {
  BigQuery,
  type DatasetResource,
  type TableMetadata,
  type Job,
  type JobMetadata,
  type QueryParameter,
  type QueryRowsResponse,
} from '@google-cloud/bigquery';
import { Logger } from '@nestjs/common';
import { OAuth2Client } from 'google-auth-library';
import { batchOfStagingTable } from '../../sql/identifiers';
import type { JobKey, Row, Statement } from '../../sql/statement';
import type { TableDefinition } from '../../table-definition';
import {
  WarehouseClient,
  WarehouseError,
  type TableInfo,
  type TransactionStep,
} from '../../warehouse-client';
import { tableInfoOf } from './bigquery-tables';
import { isAlreadyExists, isNotFound, toWarehouseError } from './bigquery-errors';
import { toQueryParameters } from './bigquery-params';
import { normalizeRows } from './bigquery-rows';
import { BigQueryDialect } from './bigquery.dialect';
import { jobIdFor, jobLabels, rerunJobId } from './job-naming';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { transactionScript } from './transaction-script';
import {
  appendStatement,
  insertAllRows,
  isStreamedTable,
  replaceStatement,
} from './row-statements';

export interface BigQueryClientOptions {
  readonly projectId: string;
  readonly datasetId: string;
  readonly location: string;
  /** A different API root (a regional endpoint, or a local stand-in in tests). */
  readonly apiEndpoint?: string;
  /** Cost guard on statements marked costly (the MERGE and its checks). */
  readonly maxBytesBilled: number;
  readonly retry?: Partial<RetryPolicy>;
}

/** The job ran and failed: a retry needs a new job, the old id would only return the failure. */
class JobFailed extends Error {
  constructor(readonly failure: WarehouseError) {
    super(failure.message);
  }
}

type QueryResultsResponse = NonNullable<
  Extract<QueryRowsResponse, [unknown, unknown, unknown]>[2]
> & {
  readonly numDmlAffectedRows?: string;
};

/** tables.get calls in flight at once when many tables match a prefix. */
const METADATA_CONCURRENCY = 8;

/** How long one results call waits for the job server-side before answering "not yet". */
const RESULTS_WAIT_MS = 10_000;

interface JobOutcome {
  readonly rows: Row[];
  readonly affected: number;
}

export class BigQueryClient extends WarehouseClient {
  readonly dialect: BigQueryDialect;
  private readonly logger = new Logger(BigQueryClient.name);
  private readonly bigquery: BigQuery;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: BigQueryClientOptions) {
    super();
    this.dialect = new BigQueryDialect({
      projectId: options.projectId,
      datasetId: options.datasetId,
    });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.bigquery = new BigQuery({
      projectId: options.projectId,
      location: options.location,
      // This adapter owns retries (job ids, backoff, logs); the library's would multiply them.
      retryOptions: { autoRetry: false },
      ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
      // A stand-in on this machine gets a dummy token: real credentials never leave for it.
      ...(options.apiEndpoint && isLoopback(options.apiEndpoint)
        ? { authClient: new OAuth2Client({ credentials: { access_token: 'local-stand-in' } }) }
        : {}),
    });
  }

  async query(statement: Statement): Promise<Row[]> {
    return (await this.run(statement)).rows;
  }

  async execute(statement: Statement): Promise<number> {
    return (await this.run(statement)).affected;
  }

  /**
   * One script job: BEGIN TRANSACTION, the steps with their checks, COMMIT. A retried call
   * names the same job (409, awaited); a transaction aborted by a concurrent one is run
   * again as a new job, its checks evaluated afresh.
   */
  async transaction(steps: readonly TransactionStep[], job: JobKey): Promise<void> {
    await this.run(transactionScript(steps, job));
  }

  /**
   * The event log is streamed (insertAll, insertId = primary key, one request per call);
   * other tables get one INSERT statement that skips rows whose key exists.
   */
  async appendRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    if (!isStreamedTable(table.name))
      return this.execute(appendStatement(this.dialect, table, rows));
    const operation = `append_${table.name}`;
    const payload = insertAllRows(table, rows);
    const target = this.bigquery.dataset(this.options.datasetId).table(table.name);
    await this.withRetry(operation, async () => {
      await target.insert(payload, { raw: true, partialRetries: 0, skipInvalidRows: false });
    });
    return rows.length;
  }

  async insertRows(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.execute(appendStatement(this.dialect, table, rows, false));
  }

  /** One CREATE OR REPLACE TABLE ... AS SELECT over a JSON parameter: atomic, a retry replaces. */
  async replaceTable(table: TableDefinition, rows: readonly Row[]): Promise<number> {
    const batchId = batchOfStagingTable(table.name);
    await this.execute(replaceStatement(this.dialect, table, rows, batchId));
    return rows.length;
  }

  /**
   * Tables whose name starts with the prefix, from the tables API (tables.list, then
   * tables.get for the few that match): metadata calls, not query jobs.
   */
  async tablesWithPrefix(prefix: string): Promise<TableInfo[]> {
    const dataset = this.bigquery.dataset(this.options.datasetId, {
      location: this.options.location,
    });
    const [tables] = await this.withRetry('list_tables', () =>
      dataset.getTables({ autoPaginate: true }),
    );
    const names = tables.map((t) => t.id ?? '').filter((name) => name.startsWith(prefix));
    const infos: TableInfo[] = [];
    for (let i = 0; i < names.length; i += METADATA_CONCURRENCY) {
      const chunk = names.slice(i, i + METADATA_CONCURRENCY);
      infos.push(
        ...(await Promise.all(
          chunk.map(async (name) => {
            const response = await this.withRetry('table_metadata', () =>
              dataset.table(name).getMetadata(),
            );
            return tableInfoOf(name, response[0] as TableMetadata);
          }),
        )),
      );
    }
    return infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Creates the dataset in the configured location unless it exists (where it must match). */
  async ensureDatabase(): Promise<void> {
    const { datasetId, location } = this.options;
    const dataset = this.bigquery.dataset(datasetId, { location });
    await this.withRetry('ensure_dataset', async () => {
      try {
        const metadata = (await dataset.getMetadata())[0] as DatasetResource;
        const actual = typeof metadata.location === 'string' ? metadata.location : undefined;
        if (actual && actual.toLowerCase() !== location.toLowerCase()) {
          throw new WarehouseError(
            `dataset ${datasetId} is in ${actual} but BIGQUERY_LOCATION is ${location}; set BIGQUERY_LOCATION=${actual} or use another dataset`,
            'invalid',
            'ensure_dataset',
          );
        }
      } catch (error) {
        if (!isNotFound(error)) throw error;
        try {
          await this.bigquery.createDataset(datasetId, { location });
          this.logger.log({ dataset: datasetId, location }, 'dataset created');
        } catch (createError) {
          if (!isAlreadyExists(createError)) throw createError;
        }
      }
    });
  }

  /** The dataset's metadata (datasets.get): the API answers for this dataset, and no job runs. */
  override async ping(): Promise<void> {
    const dataset = this.bigquery.dataset(this.options.datasetId, {
      location: this.options.location,
    });
    try {
      await dataset.getMetadata();
    } catch (error) {
      throw toWarehouseError(error, 'readiness');
    }
  }

  async close(): Promise<void> {
    // HTTP clients hold no connection that needs closing.
  }

  private async run(statement: Statement): Promise<JobOutcome> {
    const operation = statement.job?.operation ?? 'statement';
    let parameters: QueryParameter[];
    try {
      parameters = toQueryParameters(statement.params);
    } catch (error) {
      throw new WarehouseError(String(error), 'invalid', operation, { cause: error });
    }
    const baseId = jobIdFor(statement);
    let rerun = 0;
    return this.withRetry(operation, async () => {
      const jobId = rerunJobId(baseId, rerun);
      try {
        const job = await this.startJob(jobId, statement, parameters);
        return await this.results(job);
      } catch (error) {
        if (error instanceof JobFailed) rerun++;
        throw error;
      }
    });
  }

  /** Inserts the job; 409 means an earlier try already did, so that job is awaited instead. */
  private async startJob(
    jobId: string,
    statement: Statement,
    parameters: QueryParameter[],
  ): Promise<Job> {
    try {
      const [job] = await this.bigquery.createQueryJob({
        query: statement.sql,
        useLegacySql: false,
        jobId,
        location: this.options.location,
        labels: jobLabels(statement.job),
        ...(parameters.length > 0 ? { parameterMode: 'NAMED', queryParameters: parameters } : {}),
        ...(statement.costly ? { maximumBytesBilled: String(this.options.maxBytesBilled) } : {}),
      });
      return job;
    } catch (error) {
      if (isAlreadyExists(error)) {
        this.logger.log(
          { jobId, operation: statement.job?.operation },
          'job already exists; awaiting it',
        );
        return this.bigquery.job(jobId, { location: this.options.location });
      }
      if (jobStatusOf(error))
        throw new JobFailed(toWarehouseError(error, statement.job?.operation ?? 'statement'));
      throw error;
    }
  }

  /** Long-polls until the job is done, then reads every page of rows (raw, normalized here). */
  private async results(job: Job): Promise<JobOutcome> {
    const rows: Row[] = [];
    let pageToken: string | undefined;
    for (;;) {
      let response: QueryResultsResponse;
      try {
        response = await this.queryResultsPage(job, pageToken);
      } catch (error) {
        throw await this.explainFailure(job, error);
      }
      if (response.jobComplete === false) continue;
      rows.push(...normalizeRows(response.schema, response.rows ?? []));
      if (!response.pageToken) return { rows, affected: Number(response.numDmlAffectedRows ?? 0) };
      pageToken = response.pageToken;
    }
  }

  /**
   * jobs.getQueryResults, called directly: raw rows (every value as text, TIMESTAMP as
   * int64 microseconds) and exactly the documented query string, nothing the library adds.
   */
  private queryResultsPage(job: Job, pageToken: string | undefined): Promise<QueryResultsResponse> {
    const qs = {
      location: this.options.location,
      'formatOptions.useInt64Timestamp': true,
      timeoutMs: RESULTS_WAIT_MS,
      ...(pageToken ? { pageToken } : {}),
    };
    return new Promise((resolve, reject) => {
      this.bigquery.request(
        { uri: `/queries/${encodeURIComponent(job.id ?? '')}`, qs },
        (error, body) => {
          if (error) reject(error);
          else resolve((body ?? {}) as QueryResultsResponse);
        },
      );
    });
  }

  /** A results call failed: if the job itself failed, say so (a retry needs a new job). */
  private async explainFailure(job: Job, error: unknown): Promise<unknown> {
    try {
      const metadata = (await job.getMetadata())[0] as JobMetadata;
      const status = metadata.status;
      if (status?.state === 'DONE' && status.errorResult) {
        const cause = {
          errors: status.errors ?? [status.errorResult],
          message: status.errorResult.message ?? '',
        };
        return new JobFailed(toWarehouseError(cause, job.id ?? 'statement'));
      }
    } catch {
      // The original error says more than a failed look-up.
    }
    return error;
  }

  private withRetry<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return withRetry(
      this.retry,
      work,
      (error) => {
        const failure =
          error instanceof JobFailed ? error.failure : toWarehouseError(error, operation);
        return failure.operation === operation ? failure : relabel(failure, operation);
      },
      (failed, attempt, delayMs) =>
        this.logger.warn(
          { operation, attempt, kind: failed.kind, delayMs, error: failed.message },
          'BigQuery call failed; retrying',
        ),
    );
  }
}

function relabel(error: WarehouseError, operation: string): WarehouseError {
  return new WarehouseError(error.message, error.kind, operation, {
    cause: error.cause,
    ...(error.check ? { check: error.check } : {}),
  });
}

/** The job resource a failed insert answered with, when the job was created and failed at once. */
function jobStatusOf(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('response' in error)) return false;
  const response: unknown = error.response;
  if (typeof response !== 'object' || response === null || !('status' in response)) return false;
  const status: unknown = response.status;
  return typeof status === 'object' && status !== null && 'state' in status;
}

function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}
