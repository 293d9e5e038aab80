import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serverAudits, type AuditResult } from 'graphql-http';

function describeResult(r: AuditResult): string {
  return `${r.status.padEnd(6)} ${r.id} ${r.name}${'reason' in r ? `: ${r.reason}` : ''}`;
}
import { startTestApp, type TestApp } from './support/test-app';

describe('GraphQL over HTTP: the graphql-http server audits against the real app', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { INTROSPECTION: 'true' } });
  });
  after(async () => t.close());

  it('passes every MUST; SHOULD and MAY results are reported', async (ctx) => {
    const audits = serverAudits({ url: () => t.url, fetchFn: fetch });
    const results: AuditResult[] = [];
    for (const audit of audits) results.push(await audit.fn());
    const musts = results.filter((r) => r.name.startsWith('MUST'));
    assert.ok(musts.length >= 10, `expected the MUST audits, got ${musts.length}`);
    for (const r of results.filter((r) => !r.name.startsWith('MUST'))) {
      ctx.diagnostic(describeResult(r));
    }
    assert.deepEqual(
      musts.filter((r) => r.status !== 'ok').map(describeResult),
      [],
      'every MUST audit passes',
    );
    ctx.diagnostic(
      `${musts.length} MUST audits ok; ${results.filter((r) => r.status === 'ok').length}/${results.length} audits ok in all`,
    );
  });
});
