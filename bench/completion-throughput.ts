import { BatchService } from '../src/batch/batch.service';
import { somePlayers } from '../test/support/builders';
import type { TestApp } from '../test/support/test-app';
import { load, type LoadResult } from './support/load';

export interface CompletionLoad {
  readonly typename: LoadResult;
  /** A day as workers deliver it: each of 450 players completes, retries redeliver. */
  readonly day: LoadResult;
  /** Every request a new event to write (each player reporting successive counts). */
  readonly newEvents: LoadResult;
}

export function completionBodies(
  batchId: string,
  players: readonly string[],
  counts: number,
): string[] {
  return Array.from({ length: counts }, (_, count) =>
    players.map((p) =>
      JSON.stringify({
        query:
          'mutation($i: RecordCompletionInput!) { recordCompletion(input: $i) { batchComplete batch { completedPlayers } } }',
        variables: { i: { batchId, playerLookup: p, predictionsCount: count } },
      }),
    ),
  ).flat();
}

/** recordCompletion from 32 connections against `{ __typename }` on the same server. */
export async function measureCompletions(t: TestApp, seconds: number): Promise<CompletionLoad> {
  const batches = t.app.get(BatchService);
  const players = somePlayers(450);
  // One player never completes, so no consolidation starts during the load.
  const start = (gameDate: string) =>
    batches.startBatch({ gameDate, players: [...players, 'never_completes'] });
  const day = (await start('2026-02-01')).batch;
  const fresh = (await start('2026-02-02')).batch;
  const typename = await load(t.url, [JSON.stringify({ query: '{ __typename }' })], seconds);
  const dayLoad = await load(t.url, completionBodies(day.id, players, 1), seconds);
  const newEvents = await load(t.url, completionBodies(fresh.id, players, 200), seconds);
  for (const [name, result] of Object.entries({ dayLoad, newEvents })) {
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${name} had errors: ${JSON.stringify(result)}`);
  }
  // GraphQL errors come back with HTTP 200: check the batches really counted the completions.
  for (const id of [day.id, fresh.id]) {
    const after = await batches.requireBatch(id);
    if (after.completedExpected !== players.length) {
      throw new Error(
        `only ${after.completedExpected} of ${players.length} completions were recorded in ${id}`,
      );
    }
  }
  return { typename, day: dayLoad, newEvents };
}
