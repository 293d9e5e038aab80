import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BatchEventType, eventIds } from '../batch/batch-events';
import { BatchLifecycle } from '../batch/batch-lifecycle';
import {
  BatchStatus,
  completionPct,
  isComplete,
  isStalled,
  type BatchState,
} from '../batch/batch-state';
import { BatchService } from '../batch/batch.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { assertBatchId } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { ConsolidationService, type ConsolidationScope } from './consolidation.service';
import {
  ConsolidationStatus,
  ConsolidationTrigger,
  type ConsolidationResult,
} from './consolidation-run';
import { StagingCatalogRepository } from './staging-catalog.repository';

export interface StalledDecision {
  readonly batch: BatchState;
  readonly action: 'CONSOLIDATED' | 'CONSOLIDATION_FAILED' | 'BELOW_THRESHOLD' | 'LOCK_BUSY';
  readonly consolidation?: ConsolidationResult;
}

/** Everything that starts a consolidation: completions, operators, the stall check. */
@Injectable()
export class ConsolidationTriggers implements OnModuleInit {
  private readonly logger = new Logger(ConsolidationTriggers.name);
  /**
   * Game dates whose triggered run may have missed late staged rows: the newest news
   * (completion or staging time, epoch ms) of a late completion seen while it was pending.
   * Only news newer than the run's start can have come after its discovery.
   */
  private readonly rerun = new Map<string, number>();
  /** Game dates with a triggered run not finished yet (guards the gap before it takes the lock). */
  private readonly pending = new Set<string>();

  constructor(
    private readonly batches: BatchService,
    private readonly lifecycle: BatchLifecycle,
    private readonly consolidation: ConsolidationService,
    private readonly catalog: StagingCatalogRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onCompletion((batch, player) => this.onCompletion(batch, player));
  }

  /**
   * The scope of a batch: its own staging and that of every batch it absorbed, directly or
   * through the batches it absorbed (two forced restarts chain b1 <- b2 <- b3).
   */
  async scopeOf(batch: BatchState): Promise<ConsolidationScope> {
    const sources = [batch.id];
    const queue = [...batch.mergedFrom];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (sources.includes(id)) continue;
      sources.push(id);
      queue.push(...((await this.batches.findBatch(id))?.mergedFrom ?? []));
    }
    return {
      batchId: batch.id,
      gameDate: batch.gameDate,
      sourceBatchIds: sources,
      completions: batch.completions,
    };
  }

  /**
   * A complete batch is consolidated once; once more for a player with staging whose
   * completion or staging is newer than the last run's start, whatever count it reports (a
   * worker that restages a player and reports the same count sends the same completion
   * event, which keeps its first time, so the staging's time is what says the rows are new).
   */
  async onCompletion(batch: BatchState, player: string): Promise<boolean> {
    if (!isComplete(batch)) return false;
    const lastRun = batch.runs.at(-1);
    const firstRun = !lastRun && batch.status === BatchStatus.OPEN;
    const stagedAt =
      lastRun !== undefined &&
      batch.status !== BatchStatus.CANCELLED &&
      batch.status !== BatchStatus.SUPERSEDED
        ? await this.catalog.lastStagedAt([batch.id, ...batch.mergedFrom], player)
        : undefined;
    // News since the last run: the completion itself (a first report or a new count), or
    // the player's staging (a redelivered completion keeps its first time).
    const completedAt = Date.parse(
      batch.completions.find((c) => c.playerLookup === player)?.completedAt ?? '',
    );
    const runStart = lastRun ? Date.parse(lastRun.startedAt) : Number.POSITIVE_INFINITY;
    const newsAt = Math.max(
      completedAt > runStart ? completedAt : Number.NEGATIVE_INFINITY,
      stagedAt ?? Number.NEGATIVE_INFINITY,
    );
    const late = stagedAt !== undefined && newsAt > runStart;
    if (!firstRun && !late) return false;
    if (this.pending.has(batch.gameDate)) {
      if (late && newsAt > (this.rerun.get(batch.gameDate) ?? Number.NEGATIVE_INFINITY))
        this.rerun.set(batch.gameDate, newsAt);
      return false;
    }
    // A run this process did not trigger (operator, stall check, sweep) may have missed the
    // late rows: one more run follows it.
    if (this.consolidation.isRunning(batch.gameDate) && !late) return false;
    this.logger.log(
      { batchId: batch.id, gameDate: batch.gameDate, player, late },
      late
        ? 'late completion with new staging: consolidation triggered'
        : 'batch complete: consolidation triggered',
    );
    this.startInBackground(batch, ConsolidationTrigger.BATCH_COMPLETE);
    return true;
  }

  /** Operators' consolidateBatch: runs now and returns the run; CONFLICT while another runs. */
  async consolidateBatch(
    batchId: string,
    trigger = ConsolidationTrigger.MANUAL,
  ): Promise<ConsolidationResult> {
    assertBatchId(batchId);
    const batch = await this.batches.canonicalFor(await this.batches.requireBatch(batchId));
    if (batch.status === BatchStatus.CANCELLED) {
      throw DomainError.conflict(
        `batch ${batch.id} is cancelled; its staging is swept as orphaned`,
      );
    }
    return this.consolidation.consolidate(await this.scopeOf(batch), trigger);
  }

  /** Stalled open batches at or above the threshold, or over age, are consolidated; the rest reported. */
  async checkStalledBatches(
    thresholdMinutes: number,
    minCompletionPct: number,
    open?: readonly BatchState[],
  ): Promise<StalledDecision[]> {
    const now = this.clock.now();
    const maxAgeMs = this.config.values.MAX_BATCH_AGE_HOURS * 3_600_000;
    const overAge = (b: BatchState) => now.getTime() - Date.parse(b.createdAt) >= maxAgeMs;
    const abandoned = (b: BatchState) => this.abandonedRun(b, thresholdMinutes, now);
    const candidates = (open ?? (await this.batches.openBatches())).filter(
      (b) =>
        isStalled(b, thresholdMinutes, now) ||
        (b.status === BatchStatus.OPEN && overAge(b)) ||
        abandoned(b),
    );
    const decisions: StalledDecision[] = [];
    for (const batch of candidates) {
      const pct = completionPct(batch);
      const old = overAge(batch);
      const dead = abandoned(batch);
      const log = {
        batchId: batch.id,
        gameDate: batch.gameDate,
        completionPct: pct,
        overAge: old,
        thresholdMinutes,
        minCompletionPct,
      };
      if (pct < minCompletionPct && !old && !dead) {
        this.logger.warn(
          { ...log, event: 'stalled_below_threshold' },
          'stalled batch below the completion threshold: left open and reported',
        );
        decisions.push({ batch, action: 'BELOW_THRESHOLD' });
        continue;
      }
      const why = dead
        ? 'run abandoned mid-way (its process died): consolidating again'
        : old
          ? 'over-age batch: consolidating what exists'
          : 'stalled batch: consolidating';
      this.logger.log(log, why);
      decisions.push(await this.decide(batch, ConsolidationTrigger.STALLED_CHECK));
    }
    return decisions;
  }

  /**
   * A run that started and never finished (its process died; the lease expired), idle for the
   * threshold: the stall check takes it again, so the external scheduler's call alone recovers
   * a crash (the in-process cron may not run on Cloud Run). Repeated deaths stop at the retry limit.
   */
  private abandonedRun(batch: BatchState, thresholdMinutes: number, now: Date): boolean {
    const last = batch.runs.at(-1);
    if (batch.status !== BatchStatus.FAILED || !last || last.finishedAt !== undefined) return false;
    const failedInARow = [...batch.runs].reverse().findIndex((r) => r.outcome !== 'FAILED');
    const attempts = failedInARow === -1 ? batch.runs.length : failedInARow;
    const idleMs = now.getTime() - Date.parse(batch.lastActivityAt);
    return (
      idleMs >= thresholdMinutes * 60_000 &&
      attempts < this.config.values.MAX_CONSOLIDATION_ATTEMPTS
    );
  }

  /** Several batches of one date become one: union of players and completions, every staging table. */
  async mergeFragmentedBatches(
    gameDate: string,
  ): Promise<{ batch: BatchState; run?: ConsolidationResult }> {
    const batches = (await this.batches.batchesOfDate(gameDate)).filter(
      (b) => b.status !== BatchStatus.CANCELLED,
    );
    const canonical = [...batches].reverse().find((b) => b.status !== BatchStatus.SUPERSEDED);
    if (!canonical) throw DomainError.notFound(`no batch to keep for ${gameDate}`);
    const fragments = batches.filter(
      (b) => b.id !== canonical.id && !canonical.mergedFrom.includes(b.id),
    );
    const at = this.batches.now();
    for (const fragment of fragments) {
      await this.batches.appendEvents([
        this.batches.event(canonical.id, gameDate, BatchEventType.PlayersAdded, at, {
          eventId: eventIds.playersAdded(canonical.id, fragment.id),
          payload: {
            players: fragment.expectedPlayers,
            fromBatches: [fragment.id, ...fragment.mergedFrom],
          },
        }),
      ]);
      await this.batches.carryCompletions(fragment, canonical.id, gameDate);
      if (!fragment.supersededBy) await this.batches.supersede(fragment, canonical.id, at);
    }
    this.logger.log(
      { batchId: canonical.id, gameDate, fragments: fragments.map((f) => f.id) },
      'fragmented batches merged',
    );
    const merged = await this.batches.requireBatch(canonical.id);
    const run = await this.consolidation.consolidate(
      await this.scopeOf(merged),
      ConsolidationTrigger.MANUAL,
    );
    return { batch: await this.batches.requireBatch(canonical.id), run };
  }

  async decide(batch: BatchState, trigger: ConsolidationTrigger): Promise<StalledDecision> {
    try {
      const run = await this.consolidation.consolidate(await this.scopeOf(batch), trigger);
      return {
        batch: await this.batches.requireBatch(batch.id),
        action:
          run.status === ConsolidationStatus.SUCCEEDED ? 'CONSOLIDATED' : 'CONSOLIDATION_FAILED',
        consolidation: run,
      };
    } catch (error) {
      if (error instanceof DomainError) return { batch, action: 'LOCK_BUSY' };
      throw error;
    }
  }

  private startInBackground(batch: BatchState, trigger: ConsolidationTrigger): void {
    this.pending.add(batch.gameDate);
    const run = async (): Promise<void> => {
      let again = false;
      do {
        this.rerun.delete(batch.gameDate);
        await this.consolidation.idle(batch.gameDate);
        // This process's copy: it holds the completion that triggered the run.
        const current = await this.batches.recentBatch(batch.id);
        const result = await this.consolidation.consolidate(await this.scopeOf(current), trigger);
        again =
          (this.rerun.get(batch.gameDate) ?? Number.NEGATIVE_INFINITY) >
          Date.parse(result.startedAt);
      } while (again);
    };
    run()
      .catch((error: unknown) => {
        const busy = error instanceof DomainError;
        if (busy)
          this.logger.log(
            { batchId: batch.id, gameDate: batch.gameDate },
            'consolidation already in progress elsewhere',
          );
        else
          this.logger.error(
            { batchId: batch.id, gameDate: batch.gameDate, err: error },
            'triggered consolidation failed; the cron will retry',
          );
      })
      .finally(() => this.pending.delete(batch.gameDate));
  }
}
