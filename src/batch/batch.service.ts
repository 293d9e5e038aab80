import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode, type FieldProblem } from '../common/domain-error';
import { KeyedMutex } from '../common/keyed-mutex';
import { currentPrincipal } from '../common/principal-context';
import {
  assertBatchId,
  assertCount,
  assertPlayerLookup,
  playerProblem,
} from '../common/validation';
import { BatchEventType, batchIdFor, eventIds, type BatchEvent } from './batch-events';
import { BatchEventsRepository } from './batch-events.repository';
import { BatchLifecycle } from './batch-lifecycle';
import { BatchStateCache } from './batch-state-cache';
import {
  BatchStatus,
  consolidatedBatch,
  deriveBatch,
  isActive,
  isComplete,
  type BatchState,
  type Completion,
} from './batch-state';

export interface StartBatchCommand {
  readonly gameDate: string;
  readonly players: readonly string[];
  readonly correlationId?: string | null;
  readonly force?: boolean | null;
}

export interface CompletionCommand {
  readonly batchId: string;
  readonly playerLookup: string;
  readonly predictionsCount: number;
}

const MAX_PREDICTIONS_PER_PLAYER = 100_000;
const BATCH_CACHE_TTL_MS = 2_000;

/** A completion's ask for the batch to be read again, and the recheck answering it. */
interface RecheckAsk {
  readonly askedAt: string;
  readonly playerLookup: string;
}
interface Recheck {
  /** The latest ask its read answers (the read starts after it). */
  ask: RecheckAsk;
  reading: boolean;
  /** An ask made while the read was under way: answered by the next recheck. */
  next?: RecheckAsk;
}

/** Few enough players pending that another replica may be finishing the batch. */

@Injectable()
export class BatchService {
  private readonly logger = new Logger(BatchService.name);
  private readonly startMutex = new KeyedMutex();
  private readonly cache = new BatchStateCache(BATCH_CACHE_TTL_MS);
  private readonly loading = new Map<string, Promise<BatchState>>();
  /** Batches whose completeness this process reads again shortly (see recheckSoon). */
  private readonly rechecks = new Map<string, Recheck>();

  constructor(
    private readonly events: BatchEventsRepository,
    private readonly lifecycle: BatchLifecycle,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async startBatch(command: StartBatchCommand): Promise<{ batch: BatchState; created: boolean }> {
    const players = this.validPlayers(command.players);
    return this.startMutex.run(command.gameDate, async () => {
      const batches = await this.batchesOfDate(command.gameDate);
      const open = batches.find(isActive);
      // A late scheduler retry gets the day's batch, consolidated or not; only force starts another.
      const current = open ?? consolidatedBatch(batches);
      if (current && !command.force) {
        this.logger.log(
          { batchId: current.id, gameDate: current.gameDate, status: current.status },
          open ? 'open batch returned' : 'consolidated batch returned',
        );
        return { batch: current, created: false };
      }
      const generation = Math.max(0, ...batches.map((b) => b.generation)) + 1;
      const batchId = batchIdFor(command.gameDate, generation);
      const now = this.now();
      const created = await this.append([
        this.event(batchId, command.gameDate, BatchEventType.Started, now, {
          eventId: eventIds.started(batchId),
          payload: {
            players,
            ...(command.correlationId ? { correlationId: command.correlationId } : {}),
            ...(open ? { supersedes: open.id } : {}),
          },
        }),
      ]);
      if (open) {
        await this.supersede(open, batchId, now);
        // Read again after superseding: a completion that raced it is carried too.
        await this.carryCompletions(await this.requireBatch(open.id), batchId, command.gameDate);
      }
      const batch = await this.requireBatch(batchId);
      this.logger.log(
        {
          batchId,
          gameDate: command.gameDate,
          expectedPlayers: players.length,
          supersedes: open?.id,
        },
        created > 0 ? 'batch started' : 'batch start deduplicated',
      );
      return { batch, created: created > 0 };
    });
  }

  async recordCompletion(command: CompletionCommand): Promise<{
    batch: BatchState;
    batchComplete: boolean;
    consolidationTriggered: boolean;
  }> {
    assertBatchId(command.batchId);
    assertPlayerLookup('playerLookup', command.playerLookup);
    assertCount('predictionsCount', command.predictionsCount, MAX_PREDICTIONS_PER_PLAYER);
    const named = await this.recentBatch(command.batchId);
    let target = await this.canonicalFor(named);
    const completion = {
      playerLookup: command.playerLookup,
      predictionsCount: command.predictionsCount,
      completedAt: this.now(),
    };
    const event = this.completionEvent(target.id, target.gameDate, completion);
    const playerWasDone = target.completions.some((c) => c.playerLookup === command.playerLookup);
    // A redelivery of a completion already durable needs no write: the event id says so.
    const isNew = !this.cache.holds(target.id, event.eventId) && (await this.append([event])) > 0;
    let batch = await this.recentBatch(target.id);
    if (batch.supersededBy) batch = await this.requireBatch(target.id);
    // This process's copy (a read at most BATCH_CACHE_TTL_MS old, plus its own writes) says
    // complete only if it is. What it has not seen may be other replicas' completions: the
    // batch's copy a little later settles it (see recheckSoon).
    if (isNew && !playerWasDone && !isComplete(batch))
      this.recheckSoon(batch.id, command.playerLookup);
    if (batch.supersededBy) {
      // Superseded while we wrote: the completion belongs to the batch that replaced it.
      target = await this.canonicalFor(batch);
      await this.append([this.completionEvent(target.id, target.gameDate, completion)]);
      batch = await this.requireBatch(target.id);
    }
    const expected = batch.expectedPlayers.includes(command.playerLookup);
    this.logger.log(
      {
        batchId: batch.id,
        gameDate: batch.gameDate,
        player: command.playerLookup,
        count: command.predictionsCount,
        ...(target.id !== named.id ? { routedFrom: named.id } : {}),
        ...(expected ? {} : { unexpected: true }),
        completed: batch.completedExpected,
        expected: batch.expectedPlayers.length,
      },
      expected
        ? 'completion recorded'
        : 'completion recorded for a player the batch did not expect',
    );
    const batchComplete = isComplete(batch);
    const consolidationTriggered = await this.lifecycle.completionRecorded(
      batch,
      command.playerLookup,
    );
    return { batch, batchComplete, consolidationTriggered };
  }

  /**
   * Once the copy a completion was judged on has expired, reads the batch afresh (one read
   * per batch per process at a time, however many completions asked) and, if other
   * replicas' completions completed it, hands it to the lifecycle as the last completion
   * would have. Every ask gets a read that starts after it: one made while the read is
   * already under way is answered by another read after it (that read may not see the
   * completion the ask wrote). A failed read is logged; the stall check decides then.
   */
  private recheckSoon(batchId: string, playerLookup: string): void {
    const ask = { askedAt: this.now(), playerLookup };
    const pending = this.rechecks.get(batchId);
    if (pending) {
      if (pending.reading) pending.next = ask;
      else pending.ask = ask;
      return;
    }
    const recheck: Recheck = { ask, reading: false };
    this.rechecks.set(batchId, recheck);
    const timer = setTimeout(() => void this.recheck(batchId, recheck), BATCH_CACHE_TTL_MS + 50);
    timer.unref();
  }

  private async recheck(batchId: string, recheck: Recheck): Promise<void> {
    recheck.reading = true;
    const { askedAt, playerLookup } = recheck.ask;
    try {
      const batch = await this.requireBatch(batchId);
      // A run started since the latest ask has read every completion it saw.
      const last = batch.runs.at(-1);
      if (isComplete(batch) && !(last && last.startedAt >= askedAt))
        await this.lifecycle.completionRecorded(batch, playerLookup);
    } catch (error) {
      this.logger.warn(
        { batchId, err: error },
        'completion recheck failed; the stall check decides',
      );
    } finally {
      this.rechecks.delete(batchId);
      if (recheck.next) this.recheckSoon(batchId, recheck.next.playerLookup);
    }
  }

  async cancelBatch(batchId: string): Promise<BatchState> {
    assertBatchId(batchId);
    const batch = await this.requireBatch(batchId);
    if (batch.status === BatchStatus.CANCELLED) return batch;
    if (batch.status === BatchStatus.SUPERSEDED) {
      throw DomainError.conflict(
        `batch ${batchId} was superseded by ${batch.supersededBy}; cancel that one`,
      );
    }
    await this.append([
      this.event(batch.id, batch.gameDate, BatchEventType.Cancelled, this.now(), {
        eventId: eventIds.cancelled(batch.id),
        payload: { previousStatus: batch.status },
      }),
    ]);
    this.logger.warn(
      { batchId, gameDate: batch.gameDate, previousStatus: batch.status },
      'batch cancelled',
    );
    return this.requireBatch(batchId);
  }

  /**
   * Durable before it returns; the cache sees our own events at once. Every event, whichever
   * room made it, is stamped here with who caused it (the audit trail).
   */
  private async append(events: readonly BatchEvent[]): Promise<number> {
    const principal = currentPrincipal();
    const stamped = events.map((e) => (e.principal ? e : { ...e, principal }));
    const written = await this.events.append(stamped);
    this.cache.appended(stamped);
    return written;
  }

  /** A batch as recently read plus our own writes since: the completion path's fast read. */
  async recentBatch(batchId: string): Promise<BatchState> {
    assertBatchId(batchId);
    const cached = this.cache.get(batchId, this.clock.now(), this.leaseSeconds());
    if (cached) return cached;
    // One read per batch at a time: concurrent completions share it.
    let loading = this.loading.get(batchId);
    if (!loading) {
      loading = this.requireBatch(batchId).finally(() => this.loading.delete(batchId));
      this.loading.set(batchId, loading);
    }
    return loading;
  }

  async findBatch(batchId: string): Promise<BatchState | undefined> {
    assertBatchId(batchId);
    const events = await this.events.eventsOfBatch(batchId);
    if (events.length > 0) this.cache.loaded(batchId, events);
    return deriveBatch(events, this.clock.now(), this.leaseSeconds());
  }

  /** What happened to a batch and who did it, oldest first; NOT_FOUND for an unknown batch. */
  async history(batchId: string): Promise<BatchEvent[]> {
    assertBatchId(batchId);
    const events = await this.events.historyOfBatch(batchId);
    if (events.length === 0) throw DomainError.notFound(`batch ${batchId} does not exist`);
    return events;
  }

  async requireBatch(batchId: string): Promise<BatchState> {
    const batch = await this.findBatch(batchId);
    if (!batch) throw DomainError.notFound(`batch ${batchId} does not exist`);
    return batch;
  }

  async batchesOfDate(gameDate: string): Promise<BatchState[]> {
    return this.derived(await this.events.eventsOfDate(gameDate)).sort(
      (a, b) => a.generation - b.generation,
    );
  }

  /**
   * Every batch still in play (open, consolidating, failed, or consolidated with news since),
   * whatever its date, from one read: what the stall check and the retries decide on.
   */
  async openBatches(): Promise<BatchState[]> {
    return this.derived(await this.events.eventsOfOpenBatches()).sort(
      (a, b) => compare(b.gameDate, a.gameDate) || b.generation - a.generation,
    );
  }

  /** Batches from their events, grouped by batch. */
  private derived(events: readonly BatchEvent[]): BatchState[] {
    const byBatch = new Map<string, BatchEvent[]>();
    for (const event of events) {
      byBatch.set(event.batchId, [...(byBatch.get(event.batchId) ?? []), event]);
    }
    const now = this.clock.now();
    return [...byBatch.values()]
      .map((group) => deriveBatch(group, now, this.leaseSeconds()))
      .filter((b): b is BatchState => b !== undefined);
  }

  async listBatches(filter: {
    gameDate?: string | null;
    sinceDate?: string;
    status?: BatchStatus | null;
    first: number;
    after?: string | null;
  }): Promise<BatchState[]> {
    if (filter.after) assertBatchId(filter.after);
    const ids = await this.events.batchIds({
      ...(filter.gameDate ? { gameDate: filter.gameDate } : {}),
      ...(filter.sinceDate ? { sinceDate: filter.sinceDate } : {}),
      limit: 10_000,
    });
    const start = filter.after ? ids.indexOf(filter.after) + 1 : 0;
    const result: BatchState[] = [];
    for (const id of ids.slice(start)) {
      if (result.length >= filter.first) break;
      const batch = await this.findBatch(id);
      if (batch && (!filter.status || batch.status === filter.status)) result.push(batch);
    }
    return result;
  }

  /**
   * The batch whose players a date's rows are measured against: the canonical batch, else
   * (the date's batches all cancelled or superseded) the newest one consolidated at least
   * once, since its rows are still the date's. Cancelling a consolidated batch does not empty
   * the date's coverage.
   */
  async coverageBatch(gameDate: string): Promise<BatchState | undefined> {
    const batches = (await this.batchesOfDate(gameDate)).reverse();
    return (
      batches.find(
        (b) => b.status !== BatchStatus.SUPERSEDED && b.status !== BatchStatus.CANCELLED,
      ) ?? batches.find((b) => b.runs.some((run) => run.outcome === 'SUCCEEDED'))
    );
  }

  /** Appends events written by other rooms (consolidation runs, fragment merges). */
  async appendEvents(events: readonly BatchEvent[]): Promise<number> {
    return this.append(events);
  }

  async supersede(batch: BatchState, byBatchId: string, at: string): Promise<void> {
    await this.append([
      this.event(batch.id, batch.gameDate, BatchEventType.Superseded, at, {
        eventId: eventIds.superseded(batch.id),
        payload: { by: byBatchId },
      }),
    ]);
    this.logger.log(
      { batchId: batch.id, gameDate: batch.gameDate, supersededBy: byBatchId },
      'batch superseded',
    );
  }

  /** Copies a batch's completions to the batch that absorbs it (idempotent by event id). */
  async carryCompletions(from: BatchState, toBatchId: string, gameDate: string): Promise<void> {
    if (from.completions.length === 0) return;
    await this.append(from.completions.map((c) => this.completionEvent(toBatchId, gameDate, c)));
    this.logger.log(
      { batchId: toBatchId, gameDate, fromBatch: from.id, completions: from.completions.length },
      'completions carried over',
    );
  }

  private completionEvent(batchId: string, gameDate: string, completion: Completion): BatchEvent {
    return this.event(batchId, gameDate, BatchEventType.PlayerCompleted, completion.completedAt, {
      eventId: eventIds.completed(batchId, completion.playerLookup, completion.predictionsCount),
      playerLookup: completion.playerLookup,
      predictionsCount: completion.predictionsCount,
    });
  }

  event(
    batchId: string,
    gameDate: string,
    type: BatchEventType,
    occurredAt: string,
    rest: Omit<BatchEvent, 'batchId' | 'gameDate' | 'type' | 'occurredAt'>,
  ): BatchEvent {
    return { batchId, gameDate, type, occurredAt, ...rest };
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  private leaseSeconds(): number {
    return this.config.values.LOCK_LEASE_SECONDS;
  }

  /** A completion for a superseded batch belongs to the batch that replaced it. */
  async canonicalFor(batch: BatchState): Promise<BatchState> {
    let current = batch;
    for (let hops = 0; current.supersededBy && hops < 20; hops++) {
      // Only a batch that does not exist ends the walk: a failed read is the caller's error
      // to retry, not a reason to leave the completion on a superseded batch.
      const next = await this.recentBatch(current.supersededBy).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === ErrorCode.NotFound) return undefined;
        throw error;
      });
      if (!next) break;
      current = next;
    }
    return current;
  }

  private validPlayers(players: readonly string[]): string[] {
    const max = this.config.values.MAX_PLAYERS_PER_BATCH;
    if (players.length === 0) {
      throw DomainError.badInput('players must list at least one player', [
        { field: 'players', problem: 'empty' },
      ]);
    }
    if (players.length > max) {
      throw DomainError.badInput(
        `players lists ${players.length} players; at most ${max} are allowed`,
        [{ field: 'players', problem: `more than ${max}` }],
      );
    }
    const problems = players
      .map((p, i) => playerProblem(`players[${i}]`, p))
      .filter((p): p is FieldProblem => p !== undefined);
    if (problems.length > 0) {
      throw DomainError.badInput(
        `${problems.length} player key(s) are invalid: ${problems
          .slice(0, 5)
          .map((p) => p.problem)
          .join('; ')}`,
        problems.slice(0, 100),
      );
    }
    return [...new Set(players)].sort();
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
