/**
 * Test only, run as its own process so its work does not slow the process that measures:
 * keeps `concurrency` POSTs of a stagePredictions body of about `kb` KB (that many `{}`
 * rows) in flight against `url` for `ms` milliseconds, without a credential unless one is
 * given, then prints one JSON line: how many answers per HTTP status, the first error
 * messages they carried, and how many connections failed.
 *
 *   node flood.js <url> <concurrency> <kb> <ms> [api key]
 */
const [url = '', concurrency = '8', kb = '5120', ms = '3000', key] = process.argv.slice(2);
const rows = Math.floor((Number(kb) * 1024 - 400) / 3);
const STAGE =
  'mutation($input: StagePredictionsInput!) { stagePredictions(input: $input) { rowsStaged } }';
const body = Buffer.from(
  `{"query":${JSON.stringify(STAGE)},"variables":{"input":{"batchId":"b20260130_1","playerLookup":"ann","predictions":[${new Array<string>(rows).fill('{}').join(',')}]}}}`,
);
const statuses: Record<string, number> = {};
const messages = new Set<string>();
let failed = 0;
const until = Date.now() + Number(ms);

async function attacker(): Promise<void> {
  while (Date.now() < until) {
    try {
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
        body,
      });
      const text = await answer.text();
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      messages.add((/"message":"([^"]{0,120})/.exec(text)?.[1] ?? text).slice(0, 120));
    } catch {
      // The server closed the connection while the body was still being sent.
      failed += 1;
    }
  }
}

void Promise.all(Array.from({ length: Number(concurrency) }, attacker)).then(() => {
  const report = { bytes: body.length, statuses, messages: [...messages], failed };
  process.stdout.write(`${JSON.stringify(report)}\n`);
});
