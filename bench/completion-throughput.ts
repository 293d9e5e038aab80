import { BatchService } from '../src/batch/batch.service';
import { somePlayers } from '../test/support/builders';
import { startTestApp } from '../test/support/test-app';
import { load } from './support/load';

async function main() {
  const t = await startTestApp();
  const players = somePlayers(450);
  const { batch } = await t.app
    .get(BatchService)
    .startBatch({ gameDate: '2026-01-30', players: [...players, 'never_completes'] });
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const typename = await load(t.url, [JSON.stringify({ query: '{ __typename }' })], seconds);
  const bodies = players.map((p, i) =>
    JSON.stringify({
      query:
        'mutation($i: RecordCompletionInput!) { recordCompletion(input: $i) { batchComplete } }',
      variables: { i: { batchId: batch.id, playerLookup: p, predictionsCount: i % 30 } },
    }),
  );
  const completion = await load(t.url, bodies, seconds);
  process.stdout.write(
    `${JSON.stringify({ typename, completion, ratio: completion.rps / typename.rps }, null, 1)}\n`,
  );
  await t.close();
}

void main();
