import { BatchEventType, parseBatchId, type BatchEvent } from './batch-events';

export enum BatchStatus {
  OPEN = 'OPEN',
  CONSOLIDATING = 'CONSOLIDATING',
  CONSOLIDATED = 'CONSOLIDATED',
  FAILED = 'FAILED',
  SUPERSEDED = 'SUPERSEDED',
  CANCELLED = 'CANCELLED',
}

export interface Completion {
  readonly playerLookup: string;
  readonly predictionsCount: number;
  readonly completedAt: string;
}

export interface RunRecord {
  readonly runId: string;
  readonly trigger: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly outcome: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  readonly figures: Readonly<Record<string, unknown>>;
  readonly error?: string;
  /** The latest lease expiry the run announced (at start and at each renewal). */
  readonly leaseExpiresAt?: string;
  /** Who started the run (its start event's principal). */
  readonly principal?: string;
}

export interface BatchState {
  readonly id: string;
  readonly gameDate: string;
  readonly generation: number;
  readonly status: BatchStatus;
  readonly expectedPlayers: readonly string[];
  /** Latest completion of each player, expected or not. */
  readonly completions: readonly Completion[];
  readonly completedExpected: number;
  readonly pendingPlayers: readonly string[];
  readonly unexpectedPlayers: readonly string[];
  readonly predictionsReported: number;
  readonly correlationId?: string;
  readonly supersededBy?: string;
  readonly mergedFrom: readonly string[];
  readonly createdAt: string;
  readonly lastActivityAt: string;
  readonly runs: readonly RunRecord[];
}

export function isComplete(batch: BatchState): boolean {
  return batch.expectedPlayers.length > 0 && batch.pendingPlayers.length === 0;
}

export function completionPct(batch: BatchState): number {
  const expected = batch.expectedPlayers.length;
  return expected === 0 ? 0 : Math.round((batch.completedExpected / expected) * 10_000) / 100;
}

export function isStalled(
  batch: Pick<BatchState, 'status' | 'lastActivityAt'>,
  thresholdMinutes: number,
  now: Date,
): boolean {
  const idleMs = now.getTime() - Date.parse(batch.lastActivityAt);
  return batch.status === BatchStatus.OPEN && idleMs >= thresholdMinutes * 60_000;
}

/** Accepts batches in which work may still arrive or be consolidated. */
export function isActive(batch: BatchState): boolean {
  return (
    batch.status === BatchStatus.OPEN ||
    batch.status === BatchStatus.CONSOLIDATING ||
    batch.status === BatchStatus.FAILED
  );
}

/**
 * The date's consolidated batch, which startBatch without force returns rather than open a
 * second one: the newest batch not superseded, when it is CONSOLIDATED (a cancelled newest
 * batch leaves the date free). `batches` are in generation order.
 */
export function consolidatedBatch(batches: readonly BatchState[]): BatchState | undefined {
  const newest = [...batches].reverse().find((b) => b.status !== BatchStatus.SUPERSEDED);
  return newest?.status === BatchStatus.CONSOLIDATED ? newest : undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTime(a: BatchEvent, b: BatchEvent): number {
  return compareText(a.occurredAt, b.occurredAt) || compareText(a.eventId, b.eventId);
}

/**
 * A batch's state from its events (any order, duplicates allowed). A run that started
 * and never finished counts as running while the lease it last announced (at its start
 * or a renewal) is valid: a slow run that keeps renewing is never taken for abandoned.
 * Runs recorded before runs announced their lease fall back to one lease from the start.
 */
export function deriveBatch(
  events: readonly BatchEvent[],
  now: Date,
  leaseSeconds: number,
): BatchState | undefined {
  const unique = firstCopies(events).sort(byTime);
  const start = unique.find((e) => e.type === BatchEventType.Started);
  const id = start?.batchId;
  const parsed = id ? parseBatchId(id) : undefined;
  if (!start || !id || !parsed) return undefined;

  const expected = new Set<string>(stringList(start.payload?.players));
  const completions = new Map<string, Completion>();
  const runs = new Map<string, RunRecord>();
  const mergedFrom: string[] = stringList([start.payload?.supersedes]);
  let supersededBy: string | undefined;
  let cancelled = false;

  for (const event of unique) {
    switch (event.type) {
      case BatchEventType.Started:
        break;
      case BatchEventType.PlayerCompleted:
        if (event.playerLookup) {
          completions.set(event.playerLookup, {
            playerLookup: event.playerLookup,
            predictionsCount: event.predictionsCount ?? 0,
            completedAt: event.occurredAt,
          });
        }
        break;
      case BatchEventType.PlayersAdded:
        stringList(event.payload?.players).forEach((p) => expected.add(p));
        mergedFrom.push(...stringList(event.payload?.fromBatches));
        break;
      case BatchEventType.Superseded:
        supersededBy = typeof event.payload?.by === 'string' ? event.payload.by : supersededBy;
        break;
      case BatchEventType.Cancelled:
        cancelled = true;
        break;
      case BatchEventType.ConsolidationStarted:
      case BatchEventType.ConsolidationRenewed:
      case BatchEventType.ConsolidationSucceeded:
      case BatchEventType.ConsolidationFailed:
        applyRunEvent(runs, event);
        break;
    }
  }

  const expectedPlayers = [...expected].sort();
  const completedExpected = expectedPlayers.filter((p) => completions.has(p)).length;
  const latestRun = [...runs.values()].at(-1);
  const runLive =
    latestRun?.outcome === 'RUNNING' &&
    now.getTime() <
      (latestRun.leaseExpiresAt
        ? Date.parse(latestRun.leaseExpiresAt)
        : Date.parse(latestRun.startedAt) + leaseSeconds * 1000);
  const status = cancelled
    ? BatchStatus.CANCELLED
    : supersededBy
      ? BatchStatus.SUPERSEDED
      : runLive
        ? BatchStatus.CONSOLIDATING
        : latestRun?.outcome === 'SUCCEEDED'
          ? BatchStatus.CONSOLIDATED
          : latestRun
            ? BatchStatus.FAILED
            : BatchStatus.OPEN;

  const allCompletions = [...completions.values()].sort((a, b) =>
    compareText(a.playerLookup, b.playerLookup),
  );
  return {
    id,
    gameDate: parsed.gameDate,
    generation: parsed.generation,
    status,
    expectedPlayers,
    completions: allCompletions,
    completedExpected,
    pendingPlayers: expectedPlayers.filter((p) => !completions.has(p)),
    unexpectedPlayers: allCompletions.map((c) => c.playerLookup).filter((p) => !expected.has(p)),
    predictionsReported: allCompletions.reduce((sum, c) => sum + c.predictionsCount, 0),
    ...(typeof start.payload?.correlationId === 'string'
      ? { correlationId: start.payload.correlationId }
      : {}),
    ...(supersededBy ? { supersededBy } : {}),
    mergedFrom,
    createdAt: start.occurredAt,
    lastActivityAt: unique.at(-1)?.occurredAt ?? start.occurredAt,
    runs: [...runs.values()].map((run) =>
      run.outcome === 'RUNNING' && !(runLive && run === latestRun)
        ? {
            ...run,
            outcome: 'FAILED' as const,
            error: run.error ?? 'abandoned: lease expired before it finished',
          }
        : run,
    ),
  };
}

/** Each event once, as first recorded: a redelivered copy never makes an old fact look new. */
function firstCopies(events: readonly BatchEvent[]): BatchEvent[] {
  const first = new Map<string, BatchEvent>();
  for (const event of events) {
    const seen = first.get(event.eventId);
    if (!seen || event.occurredAt < seen.occurredAt) first.set(event.eventId, event);
  }
  return [...first.values()];
}

function applyRunEvent(runs: Map<string, RunRecord>, event: BatchEvent): void {
  const runId = event.runId;
  if (!runId) return;
  const previous = runs.get(runId);
  const payload = event.payload ?? {};
  const leaseExpiresAt = latest(
    previous?.leaseExpiresAt,
    typeof payload.leaseExpiresAt === 'string' ? payload.leaseExpiresAt : undefined,
  );
  const lease = leaseExpiresAt ? { leaseExpiresAt } : {};
  if (event.type === BatchEventType.ConsolidationRenewed) {
    // A renewal without its start (read out of order) waits for the start to make the run.
    if (previous) runs.set(runId, { ...previous, ...lease });
    return;
  }
  // Who started the run: its start event's principal (a finish read first lends its own).
  const started = event.type === BatchEventType.ConsolidationStarted;
  const principal = started
    ? (event.principal ?? previous?.principal)
    : (previous?.principal ?? event.principal);
  const who = principal ? { principal } : {};
  if (started) {
    runs.set(runId, {
      ...who,
      runId,
      trigger: typeof payload.trigger === 'string' ? payload.trigger : 'MANUAL',
      startedAt: event.occurredAt,
      outcome: previous?.outcome ?? 'RUNNING',
      figures: previous?.figures ?? {},
      ...(previous?.finishedAt ? { finishedAt: previous.finishedAt } : {}),
      ...(previous?.error ? { error: previous.error } : {}),
      ...lease,
    });
    return;
  }
  const succeeded = event.type === BatchEventType.ConsolidationSucceeded;
  runs.set(runId, {
    runId,
    trigger: previous?.trigger ?? 'MANUAL',
    startedAt: previous?.startedAt ?? event.occurredAt,
    finishedAt: event.occurredAt,
    outcome: succeeded ? 'SUCCEEDED' : 'FAILED',
    figures: payload,
    ...who,
    ...(!succeeded && typeof payload.error === 'string' ? { error: payload.error } : {}),
  });
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined ? b : b === undefined ? a : a > b ? a : b;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
