import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a job's query answers: rows in the REST shape, or a job failure. */
export interface QueryAnswer {
  readonly fields?: readonly { name: string; type: string; mode?: string }[];
  readonly rows?: readonly (readonly unknown[])[];
  readonly numDmlAffectedRows?: number;
  readonly error?: { readonly reason: string; readonly message: string };
  /** Report the error in the insert response itself (as BigQuery does for some invalid queries). */
  readonly failAtInsert?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

interface StoredJob {
  readonly id: string;
  readonly resource: Record<string, unknown>;
  readonly answer: QueryAnswer;
}

type Fault = { readonly status: number; readonly reason: string; readonly message: string };

/**
 * A local stand-in of the BigQuery REST API, just enough for the client library: jobs
 * insert/get/getQueryResults, tabledata.insertAll, datasets get/insert. It records every
 * request so tests can check their shape, and fails on demand.
 */
export class BigQueryRestStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly jobs = new Map<string, StoredJob>();
  readonly datasets = new Map<string, Record<string, unknown>>();
  /** Tables resources (tables.get) by table id; tables.list pages through them. */
  readonly tables = new Map<string, Record<string, unknown>>();
  /** Entries per tables.list page. */
  tablesPageSize = 2;
  /** How many times a job actually ran (a 409 answer does not run it). */
  executions = 0;
  private readonly faults = new Map<string, Fault[]>();
  private server: Server | undefined;
  private answer: (sql: string, parameters: unknown[]) => QueryAnswer = () => ({});

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.jobs.clear();
    this.datasets.clear();
    this.tables.clear();
    this.faults.clear();
    this.executions = 0;
    this.answer = () => ({});
  }

  /** How every new job's query is answered. */
  answerWith(answer: (sql: string, parameters: unknown[]) => QueryAnswer): void {
    this.answer = answer;
  }

  /** The next request to this route ('insertJob', 'getQueryResults', 'insertAll'...) fails. */
  failNext(route: string, status: number, reason: string, message = reason): void {
    this.faults.set(route, [...(this.faults.get(route) ?? []), { status, reason, message }]);
  }

  /** A job that already exists, as if an earlier process had started it. */
  preloadJob(id: string, answer: QueryAnswer): void {
    this.jobs.set(id, { id, answer, resource: this.jobResource(id, {}, 'US', answer) });
  }

  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((r) => routeOf(r.method, r.path) === route);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const body = await readJson(req);
    const recorded = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    this.requests.push(recorded);
    const route = routeOf(recorded.method, recorded.path);
    const fault = this.faults.get(route)?.shift();
    if (fault) return send(res, fault.status, errorBody(fault.status, fault.reason, fault.message));
    const parts = url.pathname.split('/').filter(Boolean);
    switch (route) {
      case 'insertJob':
        return this.insertJob(res, body);
      case 'getQueryResults':
        return this.queryResults(res, parts[5] ?? '');
      case 'getJob':
        return this.getJob(res, parts[5] ?? '');
      case 'insertAll':
        return send(res, 200, { kind: 'bigquery#tableDataInsertAllResponse' });
      case 'getDataset': {
        const dataset = this.datasets.get(parts[5] ?? '');
        return dataset
          ? send(res, 200, dataset)
          : send(res, 404, errorBody(404, 'notFound', 'Not found: Dataset'));
      }
      case 'listTables': {
        const ids = [...this.tables.keys()].sort();
        const start = Number(url.searchParams.get('pageToken') ?? 0);
        const page = ids.slice(start, start + this.tablesPageSize);
        const next = start + this.tablesPageSize;
        return send(res, 200, {
          kind: 'bigquery#tableList',
          tables: page.map((id) => ({
            kind: 'bigquery#table',
            id: `test-project:${parts[5] ?? ''}.${id}`,
            tableReference: { projectId: 'test-project', datasetId: parts[5], tableId: id },
            creationTime: (this.tables.get(id) as { creationTime?: string }).creationTime,
          })),
          totalItems: ids.length,
          ...(next < ids.length ? { nextPageToken: String(next) } : {}),
        });
      }
      case 'getTable': {
        const table = this.tables.get(parts[7] ?? '');
        return table
          ? send(res, 200, table)
          : send(res, 404, errorBody(404, 'notFound', 'Not found: Table'));
      }
      case 'insertDataset': {
        const reference = body.datasetReference as { datasetId: string };
        this.datasets.set(reference.datasetId, { ...body, id: reference.datasetId });
        return send(res, 200, { ...body, id: reference.datasetId });
      }
      default:
        return send(
          res,
          404,
          errorBody(404, 'notFound', `stand-in has no route ${recorded.method} ${url.pathname}`),
        );
    }
  }

  private insertJob(res: ServerResponse, body: Record<string, unknown>): void {
    const reference = body.jobReference as { jobId: string; location?: string };
    if (this.jobs.has(reference.jobId)) {
      return send(res, 409, errorBody(409, 'duplicate', `Already Exists: Job ${reference.jobId}`));
    }
    const configuration = body.configuration as {
      query: { query: string; queryParameters?: unknown[] };
    };
    const answer = this.answer(
      configuration.query.query,
      configuration.query.queryParameters ?? [],
    );
    this.executions++;
    const resource = this.jobResource(reference.jobId, body, reference.location ?? 'US', answer);
    this.jobs.set(reference.jobId, { id: reference.jobId, resource, answer });
    // Like BigQuery, a query job is usually still running when insert answers.
    send(res, 200, answer.failAtInsert ? resource : { ...resource, status: { state: 'RUNNING' } });
  }

  private queryResults(res: ServerResponse, jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return send(res, 404, errorBody(404, 'notFound', `Not found: Job ${jobId}`));
    const { answer } = job;
    if (answer.error)
      return send(res, 400, errorBody(400, answer.error.reason, answer.error.message));
    send(res, 200, {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: (job.resource as { jobReference: unknown }).jobReference,
      jobComplete: true,
      schema: { fields: answer.fields ?? [] },
      rows: (answer.rows ?? []).map((row) => ({ f: row.map((v) => ({ v })) })),
      totalRows: String(answer.rows?.length ?? 0),
      ...(answer.numDmlAffectedRows !== undefined
        ? { numDmlAffectedRows: String(answer.numDmlAffectedRows) }
        : {}),
    });
  }

  private getJob(res: ServerResponse, jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return send(res, 404, errorBody(404, 'notFound', `Not found: Job ${jobId}`));
    send(res, 200, job.resource);
  }

  private jobResource(
    id: string,
    body: Record<string, unknown>,
    location: string,
    answer: QueryAnswer,
  ) {
    const errorResult = answer.error
      ? { reason: answer.error.reason, message: answer.error.message }
      : undefined;
    return {
      kind: 'bigquery#job',
      id: `project:${location}.${id}`,
      jobReference: { projectId: 'test-project', jobId: id, location },
      configuration: body.configuration ?? {},
      status: { state: 'DONE', ...(errorResult ? { errorResult, errors: [errorResult] } : {}) },
    };
  }
}

/** Names the REST method a request calls. */
export function routeOf(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean); // bigquery v2 projects <p> ...
  const rest = parts.slice(4);
  if (method === 'POST' && rest.length === 1 && rest[0] === 'jobs') return 'insertJob';
  if (method === 'GET' && rest[0] === 'queries') return 'getQueryResults';
  if (method === 'GET' && rest[0] === 'jobs') return 'getJob';
  if (method === 'POST' && rest[rest.length - 1] === 'insertAll') return 'insertAll';
  if (method === 'GET' && rest[0] === 'datasets' && rest.length === 2) return 'getDataset';
  if (method === 'POST' && rest.length === 1 && rest[0] === 'datasets') return 'insertDataset';
  if (method === 'GET' && rest[0] === 'datasets' && rest[2] === 'tables')
    return rest.length === 3 ? 'listTables' : 'getTable';
  return `${method} ${rest.join('/')}`;
}

function errorBody(code: number, reason: string, message: string) {
  return {
    error: { code, message, errors: [{ reason, message, domain: 'global' }], status: 'ERROR' },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
