import { BatchService } from '../src/batch/batch.service';
import { somePlayers } from '../test/support/builders';
import type { TestApp } from '../test/support/test-app';
import { load, loadAmount, type LoadResult } from './support/load';
import { spread, type Spread } from './support/measure';

const TYPENAME = JSON.stringify({ query: '{ __typename }' });
const PLAYERS = 450;

export interface CompletionFigures {
  /** Every request a new event (each player reporting successive counts) / `{ __typename }`. */
  readonly newEvents: Spread;
  /** A day's redeliveries (450 bodies cycled: after the first 450, each a retry) / `{ __typename }`. */
  readonly redeliveries: Spread;
  /** The last round's loads, for the detail. */
  readonly last: { typename: LoadResult; newEvents: LoadResult; redeliveries: LoadResult };
}

export interface BurstFigures {
  /** p99 of 450 first completions in flight at once / p99 of 450 `{ __typename }` at once. */
  readonly ratio: Spread;
  readonly completionP99: Spread;
  readonly typenameP99: Spread;
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

/** A batch of the 450 players plus one that never completes: no consolidation starts. */
async function openBatch(t: TestApp, gameDate: string): Promise<string> {
  const players = [...somePlayers(PLAYERS), 'never_completes'];
  return (await t.app.get(BatchService).startBatch({ gameDate, players })).batch.id;
}

function assertClean(name: string, result: LoadResult): void {
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${name} had errors: ${JSON.stringify(result)}`);
}

/**
 * recordCompletion from 32 connections against `{ __typename }` on the same server, in
 * `rounds` alternating rounds: every request a new event, and a day's redeliveries.
 */
export async function measureCompletions(
  t: TestApp,
  seconds: number,
  rounds: number,
): Promise<CompletionFigures> {
  const players = somePlayers(PLAYERS);
  const newEvents: number[] = [];
  const redeliveries: number[] = [];
  let last: CompletionFigures['last'] | undefined;
  for (let round = 0; round < rounds; round++) {
    const fresh = await openBatch(t, `2026-03-${String(round + 1).padStart(2, '0')}`);
    const day = await openBatch(t, `2026-04-${String(round + 1).padStart(2, '0')}`);
    const typename = await load(t.url, [TYPENAME], seconds);
    // 450 players x 200 counts: far more bodies than requests sent, so each is a new event.
    const events = await load(t.url, completionBodies(fresh, players, 200), seconds);
    const redelivered = await load(t.url, completionBodies(day, players, 1), seconds);
    assertClean('new events', events);
    assertClean('redeliveries', redelivered);
    if (events.total > PLAYERS * 200) throw new Error('the new-event load ran out of new events');
    // GraphQL errors come back with HTTP 200: check the batches really counted the completions.
    for (const id of [fresh, day]) {
      const after = await t.app.get(BatchService).requireBatch(id);
      if (after.completedExpected !== PLAYERS)
        throw new Error(`only ${after.completedExpected} of ${PLAYERS} completions in ${id}`);
    }
    newEvents.push(events.rps / typename.rps);
    redeliveries.push(redelivered.rps / typename.rps);
    last = { typename, newEvents: events, redeliveries: redelivered };
  }
  if (!last) throw new Error('no round ran');
  return { newEvents: spread(newEvents), redeliveries: spread(redeliveries), last };
}

/**
 * 450 first completions in flight at once (one connection each, a batch of its own each
 * run) against 450 `{ __typename }` sent the same way, `runs` times, alternating.
 */
export async function measureBurst(t: TestApp, runs: number): Promise<BurstFigures> {
  const players = somePlayers(PLAYERS);
  const typename: number[] = [];
  const completions: number[] = [];
  // Warm-up: connections, JIT and the batch cache's first read are not what is measured.
  const warm = await openBatch(t, '2026-05-01');
  await loadAmount(t.url, [TYPENAME], PLAYERS, PLAYERS);
  await loadAmount(t.url, completionBodies(warm, players, 1), PLAYERS, PLAYERS);
  for (let run = 0; run < runs; run++) {
    const batchId = await openBatch(t, `2026-05-${String(run + 2).padStart(2, '0')}`);
    const opened = performance.now();
    const plain = await loadAmount(t.url, [TYPENAME], PLAYERS, PLAYERS);
    // As a day's first completions find it: this process's copy of the batch has expired.
    await new Promise((r) => setTimeout(r, Math.max(0, opened + 2_100 - performance.now())));
    const burst = await loadAmount(t.url, completionBodies(batchId, players, 1), PLAYERS, PLAYERS);
    assertClean('typename burst', plain);
    assertClean('completion burst', burst);
    const after = await t.app.get(BatchService).requireBatch(batchId);
    if (after.completedExpected !== PLAYERS)
      throw new Error(`the burst recorded ${after.completedExpected} of ${PLAYERS} completions`);
    typename.push(plain.p99);
    completions.push(burst.p99);
  }
  return {
    ratio: spread(completions.map((c, i) => c / Math.max(1, typename[i] ?? 1))),
    completionP99: spread(completions),
    typenameP99: spread(typename),
  };
}
