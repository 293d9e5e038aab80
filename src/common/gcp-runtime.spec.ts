import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AppConfig } from '../config/app-config';
import { detectGcpRuntime } from './gcp-runtime';

describe('detectGcpRuntime', () => {
  let server: Server;
  let host: string;
  const asked: { url?: string; headers: IncomingHttpHeaders }[] = [];
  let answer = { status: 200, body: 'nba-props-prod' };

  before(async () => {
    server = createServer((req, res) => {
      asked.push({ url: req.url, headers: req.headers });
      res.statusCode = req.headers['metadata-flavor'] === 'Google' ? answer.status : 403;
      res.end(answer.body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  const onCloudRun = (extra: Record<string, string> = {}) =>
    AppConfig.with({
      K_SERVICE: 'prediction-coordinator',
      K_REVISION: 'prediction-coordinator-00042-abc',
      GCE_METADATA_HOST: host,
      ...extra,
    });

  it("on Cloud Run, asks the metadata server for the service's project, never BIGQUERY_PROJECT", async () => {
    asked.length = 0;
    const runtime = await detectGcpRuntime(
      onCloudRun({ WAREHOUSE: 'bigquery', BIGQUERY_PROJECT: 'nba-data-warehouse' }),
    );
    assert.equal(runtime.projectId, 'nba-props-prod');
    assert.equal(runtime.projectSource, 'metadata server');
    assert.deepEqual(runtime.serviceContext, {
      service: 'prediction-coordinator',
      version: 'prediction-coordinator-00042-abc',
    });
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.url, '/computeMetadata/v1/project/project-id');
    assert.equal(asked[0]?.headers['metadata-flavor'], 'Google');
  });

  it('takes GOOGLE_CLOUD_PROJECT when set, asking nobody', async () => {
    asked.length = 0;
    const runtime = await detectGcpRuntime(onCloudRun({ GOOGLE_CLOUD_PROJECT: 'nba-props-stg' }));
    assert.equal(runtime.projectId, 'nba-props-stg');
    assert.equal(asked.length, 0);
  });

  it('outside Cloud Run, asks nobody and knows no project', async () => {
    asked.length = 0;
    const runtime = await detectGcpRuntime(AppConfig.with({ GCE_METADATA_HOST: host }));
    assert.deepEqual(runtime, {
      projectSource: 'none',
      serviceContext: { service: 'prediction-coordinator' },
    });
    assert.equal(asked.length, 0);
  });

  it('says why when the metadata server does not answer a project', async () => {
    answer = { status: 500, body: 'boom' };
    const runtime = await detectGcpRuntime(onCloudRun());
    answer = { status: 200, body: 'nba-props-prod' };
    assert.equal(runtime.projectId, undefined);
    assert.match(
      runtime.problem ?? '',
      /did not give the project \(HTTP 500.*set GOOGLE_CLOUD_PROJECT/,
    );
  });
});
