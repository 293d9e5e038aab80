import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { BatchEventType, eventIds } from '../batch/batch-events';
import type { Completion } from '../batch/batch-state';
import { BatchService } from '../batch/batch.service';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { currentPrincipal } from '../common/principal-context';
import { AppConfig } from '../config/app-config';
import { stagingTableName } from '../warehouse/sql/identifiers';
import { WarehouseError, type TransactionStep } from '../warehouse/warehouse-client';
import {
  ConsolidationRepository,
  MERGE_CHECK,
  VERIFY_CHECK,
  type MergeFigures,
  type MergeRequest,
} from './consolidation.repository';
import { ConsolidationEvents } from './consolidation-events';
import {
  ConsolidationFailure,
  ConsolidationStatus,
  NO_FIGURES,
  type ConsolidationResult,
  type ConsolidationTrigger,
  type RunFigures,
} from './consolidation-run';
import { LEASE_CHECK, LockRepository } from './lock.repository';
import { columnsToAppend, planColumns, type ColumnPlan, type DriftPolicy } from './merge-plan';
import {
  StagingCatalogRepository,
  type StagedColumn,
  type StagingTable,
} from './staging-catalog.repository';

/** What one run consolidates: a batch and every batch whose staging it absorbed. */
export interface ConsolidationScope {
  readonly batchId: string;
  readonly gameDate: string;
  readonly sourceBatchIds: readonly string[];
  readonly completions: readonly Completion[];
}

interface RunContext extends ConsolidationScope {
  readonly runId: string;
  readonly trigger: ConsolidationTrigger;
  readonly startedAt: string;
  /** The lease's expiry when the run took it; renewals announce later ones. */
  readonly leaseExpiresAt: string;
  readonly log: Record<string, unknown>;
  /** Who started the run: its events carry it too (BatchService stamps them). */
  readonly principal: string;
  /** The after-image the run owes once its MERGE committed (engines without time travel). */
  owedImage?: OwedImage;
}

/** A run's after-image, owed from its commit until keepAfterImage writes it. */
interface OwedImage {
  readonly snapshotId: string;
  /** When the MERGE committed: the instant the image stands for. */
  readonly at: string;
}

export const COMBINE_PREFIX = '_combine_';
/** Cloud Run kills the process 10 s after SIGTERM; runs in flight get most of that to finish. */
export const SHUTDOWN_WAIT_MS = 8_000;

/**
 * Runs consolidations: lease, discovery, column plan, snapshot, one MERGE, verification,
 * cleanup, and a truthful record of the outcome. Where the engine has no time travel, the
 * date's after-image is written once the run is recorded, still under its lease (off the
 * run's path: see keepAfterImage).
 */
@Injectable()
export class ConsolidationService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ConsolidationService.name);
  private stopping = false;
  /** The run in flight per game date in this process (other replicas are kept out by the lease). */
  private readonly inFlight = new Map<string, Promise<ConsolidationResult>>();
  /** A finished run's after-image being written, per game date (the run still holds the lease). */
  private readonly imaging = new Map<string, Promise<void>>();
  /** Runs that wrote a combine table (staging tables of their own): theirs is dropped at the end. */
  private readonly combined = new Set<string>();
  /** The target's columns change only through schema bootstrap or append_new_columns. */
  private cachedTargetColumns: StagedColumn[] | undefined;

  constructor(
    private readonly batches: BatchService,
    private readonly locks: LockRepository,
    private readonly catalog: StagingCatalogRepository,
    private readonly repository: ConsolidationRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: ConsolidationEvents,
  ) {}

  isRunning(gameDate: string): boolean {
    return this.inFlight.has(gameDate);
  }

  /**
   * Resolves once no run for the date is in flight in this process and the last one's
   * after-image is written (or given up), whatever their outcome.
   */
  async idle(gameDate: string): Promise<void> {
    for (;;) {
      const run = this.inFlight.get(gameDate);
      const image = this.imaging.get(gameDate);
      if (!run && !image) return;
      await run?.catch(() => undefined);
      await image;
    }
  }

  /** Resolves once the date's last run in this process has written its after-image. */
  async afterImageWritten(gameDate: string): Promise<void> {
    for (let image = this.imaging.get(gameDate); image; image = this.imaging.get(gameDate))
      await image;
  }

  /**
   * One run for the scope's game date. CONFLICT when a run for the date is already in
   * flight here or holds the lease elsewhere; a failed run is returned, not thrown.
   */
  async consolidate(
    scope: ConsolidationScope,
    trigger: ConsolidationTrigger,
  ): Promise<ConsolidationResult> {
    if (this.stopping) {
      throw new DomainError(
        ErrorCode.Unavailable,
        'the service is shutting down; no consolidation starts here',
        {
          gameDate: scope.gameDate,
          batchId: scope.batchId,
        },
      );
    }
    // The previous run's after-image holds the lease a moment longer: wait for it here.
    await this.afterImageWritten(scope.gameDate);
    if (this.inFlight.has(scope.gameDate))
      throw this.busy(scope, 'a consolidation is already running in this process');
    const run = this.runLocked(scope, trigger);
    this.inFlight.set(scope.gameDate, run);
    try {
      return await run;
    } finally {
      this.inFlight.delete(scope.gameDate);
    }
  }

  /**
   * Shutdown (SIGTERM): no new run starts; runs in flight get a bounded wait. A run still
   * going after it is abandoned where it stands, as after a crash: its lease expires and
   * the cron retries it, staging intact.
   */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.stopping = true;
    const runs: [string, Promise<unknown>][] = [
      ...this.inFlight.entries(),
      ...this.imaging.entries(),
    ];
    if (runs.length === 0) return;
    const log = { signal, gameDates: runs.map(([date]) => date), waitMs: SHUTDOWN_WAIT_MS };
    this.logger.log(log, 'shutdown: waiting for consolidations in flight');
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.allSettled(runs.map(([, run]) => run)).then(() => true),
      new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), SHUTDOWN_WAIT_MS)),
      ),
    ]);
    clearTimeout(timer);
    if (finished) this.logger.log(log, 'shutdown: consolidations in flight finished');
    else
      this.logger.warn(
        log,
        'shutdown: consolidation abandoned; its lease expires and the cron retries it',
      );
  }

  private async runLocked(
    scope: ConsolidationScope,
    trigger: ConsolidationTrigger,
  ): Promise<ConsolidationResult> {
    const runId = newRunId(scope.batchId, this.clock.now());
    const log = { batchId: scope.batchId, gameDate: scope.gameDate, runId, trigger };
    const lease = this.config.values.LOCK_LEASE_SECONDS;
    const holder = await this.locks.acquire(scope.gameDate, runId, this.clock.now(), lease);
    if (holder?.owner !== runId) {
      this.logger.log({ ...log, holder: holder?.owner }, 'lock busy');
      throw this.busy(scope, `the lock is held by ${holder?.owner ?? 'another run'}`);
    }
    this.logger.log(log, 'lock acquired');
    const context: RunContext = {
      ...scope,
      runId,
      trigger,
      startedAt: this.batches.now(),
      leaseExpiresAt: holder.expiresAt,
      log,
      principal: currentPrincipal(),
    };
    const renewal = setInterval(() => void this.renew(context), (lease * 1000) / 3);
    renewal.unref();
    try {
      await this.recordStart(context);
      return await this.execute(context);
    } finally {
      clearInterval(renewal);
      // A committed MERGE's after-image is written next; the lease is released after it.
      if (context.owedImage) this.keepAfterImage(context, context.owedImage);
      else await this.release(context);
    }
  }

  private async release(context: RunContext): Promise<void> {
    const { gameDate, runId, log } = context;
    const released = await this.locks.release(gameDate, runId).catch((error: unknown) => {
      this.logger.error({ ...log, err: error }, 'lock release failed; the lease will expire');
      return false;
    });
    if (released) this.logger.log(log, 'lock released');
  }

  /**
   * The date's after-image, written after the run is recorded and answered, then the lease
   * released: the copy of the date's rows is off the run's path, and no other run, repair or
   * restore of the date starts before it (they wait for the lease; in this process, for
   * this). Fenced by the lease, so it is exactly the state the MERGE left. If it cannot be
   * written, the image stays owed and a restore to an instant it stands for says so.
   */
  private keepAfterImage(context: RunContext, image: OwedImage): void {
    const { gameDate, runId, log } = context;
    const lease = this.config.values.LOCK_LEASE_SECONDS;
    const job = { operation: 'snapshot', batchId: context.batchId, gameDate, attempt: runId };
    const work = (async () => {
      try {
        const fence = this.locks.fence(gameDate, runId, this.clock.now(), lease);
        await this.repository.keepAfterImage(gameDate, image.snapshotId, image.at, job, fence);
        this.logger.log({ ...log, snapshotId: image.snapshotId }, 'after-image written');
      } catch (error) {
        this.logger.error(
          { ...log, err: error, snapshotId: image.snapshotId },
          'after-image not written: a restore to an instant between this run and the next change of the date is refused',
        );
      } finally {
        await this.release(context);
      }
    })();
    this.imaging.set(gameDate, work);
    void work.finally(() => {
      if (this.imaging.get(gameDate) === work) this.imaging.delete(gameDate);
    });
  }

  private async execute(context: RunContext): Promise<ConsolidationResult> {
    let figures: RunFigures = NO_FIGURES;
    const combineTable = `${COMBINE_PREFIX}${context.runId}`;
    try {
      const staging = await this.catalog.tablesOf(context.sourceBatchIds);
      // Tables of their own may be replaced by a worker during the run: their versions now.
      const versions = await this.catalog.versionsOf(staging);
      this.logger.log({ ...context.log, stagingTables: staging.length }, 'staging tables found');
      // A failed run still says what it found (staging tables, staged rows).
      figures = { ...NO_FIGURES, stagingTables: staging.length };
      const onStaged = (staged: Partial<RunFigures>) => (figures = { ...figures, ...staged });
      const merged =
        staging.length > 0
          ? await this.mergeStaging(context, staging, combineTable, onStaged)
          : undefined;
      figures = merged ? toRunFigures(staging.length, merged) : NO_FIGURES;
      const missing = await this.missingPlayers(context, staging);
      if (staging.length > 0) await this.dropConsumed(context, staging, versions);
      if (missing.length > 0) {
        throw new ConsolidationFailure(
          `${missing.length} player(s) reported predictions but have no staging and no rows: ${missing.slice(0, 20).join(', ')}`,
          'missing_staging',
          missing,
        );
      }
      return await this.recordFinish(context, ConsolidationStatus.SUCCEEDED, figures);
    } catch (error) {
      const failure = error instanceof ConsolidationFailure || error instanceof DomainError;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(
        {
          ...context.log,
          ...(failure ? {} : { err: error }),
          step: error instanceof ConsolidationFailure ? error.step : undefined,
        },
        `consolidation failed: ${failure ? message : 'unexpected error'}; staging kept for retry`,
      );
      const missing = error instanceof ConsolidationFailure ? error.missingPlayers : [];
      // Awaited here: the finally block below awaits too, and a rejection of this record
      // would otherwise have no handler meanwhile (an unhandled rejection).
      return await this.recordFinish(
        context,
        ConsolidationStatus.FAILED,
        figures,
        failure ? message : internalFailure(error, context.runId),
        missing,
      );
    } finally {
      if (this.combined.delete(context.runId))
        await this.catalog
          .drop([combineTable])
          .catch((error: unknown) =>
            this.logger.warn(
              { ...context.log, err: error },
              'combine table not dropped; the sweep will',
            ),
          );
    }
  }

  /**
   * Drops the staging tables this run merged, except a table a worker replaced meanwhile:
   * its new rows were not merged, so it stays for the next run (a late completion or the
   * sweep). Slices were deleted in the MERGE's transaction.
   */
  private async dropConsumed(
    context: RunContext,
    staging: StagingTable[],
    versions: Map<string, string>,
  ): Promise<void> {
    const tables = staging.filter((t) => !t.slice);
    if (tables.length === 0) return;
    const now = await this.catalog.versionsOf(tables);
    const replaced = tables.filter(
      (t) => versions.get(t.name) === undefined || now.get(t.name) !== versions.get(t.name),
    );
    const consumed = tables.filter((t) => !replaced.includes(t));
    await this.catalog.dropStaging(consumed);
    this.logger.log({ ...context.log, dropped: consumed.length }, 'staging dropped');
    if (replaced.length > 0) {
      this.logger.warn(
        { ...context.log, tables: replaced.map((t) => t.name) },
        'staging replaced during the run: kept for the next run',
      );
    }
  }

  private async mergeStaging(
    context: RunContext,
    staging: StagingTable[],
    combineTable: string,
    onStaged: (figures: Partial<RunFigures>) => void,
  ): Promise<MergeFigures> {
    const policy = this.config.values.SCHEMA_DRIFT_POLICY;
    let target = await this.targetColumns();
    let plan = this.plan(staging, target, policy);
    // The cached columns may predate a column someone added: look again before judging drift.
    if (!plan) {
      target = await this.targetColumns(true);
      plan = planColumns(staging, target, policy);
    }
    if (policy === 'append_new_columns' && plan.extras.length > 0) {
      const added = columnsToAppend(plan);
      await this.repository.addTargetColumns(added);
      this.logger.warn(
        { ...context.log, columns: added.map((c) => c.name) },
        'target columns appended',
      );
      target = await this.targetColumns(true);
      plan = planColumns(staging, target, policy);
    }
    const request: MergeRequest = {
      gameDate: context.gameDate,
      combineTable,
      plan,
      businessKey: this.config.values.BUSINESS_KEY,
      deactivate: this.config.values.DEACTIVATE_SUPERSEDED,
      now: this.batches.now(),
      job: {
        operation: 'consolidate',
        batchId: context.batchId,
        gameDate: context.gameDate,
        attempt: context.runId,
      },
    };
    // Writes alone are read in place; staging tables of their own are combined into a table first.
    if (staging.some((t) => !t.slice)) this.combined.add(context.runId);
    const combined = await this.repository.combine(request, staging);
    // The snapshot and the figures read the same state and neither reads what the other
    // writes: they run side by side.
    const [snapshot, expected] = await bothSettled(
      () =>
        this.repository.snapshotDate(
          context.gameDate,
          `${context.runId}_1before`,
          'before_merge',
          request.now,
          request.job,
        ),
      () => this.repository.figures(combined),
    );
    this.logger.log({ ...context.log, rows: snapshot }, 'snapshot taken');
    onStaged({
      rowsStaged: expected.rowsStaged,
      duplicatesDropped: expected.rowsStaged - expected.rowsUnique,
    });
    const planned = expected.rowsInserted + expected.rowsUpdated + expected.rowsDeactivated;
    // Stale rows are skipped by design; every other staged row changes one.
    if (expected.rowsUnique > expected.rowsStale && planned === 0) {
      throw new ConsolidationFailure(
        `the MERGE would change 0 rows for ${expected.rowsStaged} staged rows`,
        'merge',
      );
    }
    // The after-image is owed from the commit (a marker in the MERGE's transaction) and
    // written once the run is recorded (keepAfterImage); it starts just after the before-image.
    const snapshotId = `${context.runId}_2after`;
    const owedAt = new Date(
      Math.max(this.clock.now().getTime(), Date.parse(request.now) + 1),
    ).toISOString();
    const owed = this.repository.afterImageOwed(context.gameDate, snapshotId, owedAt, request.job);
    await this.commitMerge(context, combined, planned, staging, owed);
    this.logger.log({ ...context.log, ...expected }, 'merge committed');
    if (owed) {
      const at = Math.max(this.clock.now().getTime(), Date.parse(owedAt));
      context.owedImage = { snapshotId, at: new Date(at).toISOString() };
    }
    return expected;
  }

  /**
   * The MERGE and its verification commit in one transaction, fenced by the run's lease: a
   * run that lost its lease (paused, starved, partitioned away) commits nothing.
   */
  private async commitMerge(
    context: RunContext,
    request: MergeRequest,
    planned: number,
    staging: readonly StagingTable[],
    owed: TransactionStep | undefined,
  ): Promise<void> {
    const lease = this.config.values.LOCK_LEASE_SECONDS;
    const fence = this.locks.fence(context.gameDate, context.runId, this.clock.now(), lease);
    try {
      await this.repository.commitMerge(request, fence, planned, staging, owed);
    } catch (error) {
      if (!(error instanceof WarehouseError) || error.kind !== 'check_failed') throw error;
      switch (error.check ?? MERGE_CHECK) {
        case LEASE_CHECK:
          throw new ConsolidationFailure(
            `the lease on ${context.gameDate} passed to another run before the MERGE committed; nothing was written`,
            'lease',
          );
        case VERIFY_CHECK:
          throw new ConsolidationFailure(
            `${error.message.replace(/^verify: /, '')}; the MERGE was rolled back`,
            'verify',
          );
        default:
          throw new ConsolidationFailure(
            `the MERGE ${error.message.replace(/^\w+: /, '')}; it was rolled back`,
            'merge',
          );
      }
    }
  }

  private async targetColumns(refresh = false): Promise<StagedColumn[]> {
    if (refresh || !this.cachedTargetColumns)
      this.cachedTargetColumns = await this.repository.targetColumns();
    return this.cachedTargetColumns;
  }

  /** A plan, or undefined where the columns look drifted (to be checked on fresh columns). */
  private plan(
    staging: StagingTable[],
    target: StagedColumn[],
    policy: DriftPolicy,
  ): ColumnPlan | undefined {
    try {
      const plan = planColumns(staging, target, policy);
      return plan.extras.length > 0 ? undefined : plan;
    } catch (error) {
      if (error instanceof DomainError) return undefined;
      throw error;
    }
  }

  /** Players that reported predictions yet have neither staging nor rows (incident 9). */
  private async missingPlayers(context: RunContext, staging: StagingTable[]): Promise<string[]> {
    const staged = new Set(staging.map((t) => t.name));
    const candidates = context.completions
      .filter((c) => c.predictionsCount > 0)
      .map((c) => c.playerLookup)
      .filter((p) => !context.sourceBatchIds.some((b) => staged.has(stagingTableName(b, p))));
    const withRows = await this.repository.playersWithRows(context.gameDate, candidates);
    return candidates.filter((p) => !withRows.has(p)).sort();
  }

  private async recordStart(context: RunContext): Promise<void> {
    await this.batches.appendEvents([
      this.batches.event(
        context.batchId,
        context.gameDate,
        BatchEventType.ConsolidationStarted,
        context.startedAt,
        {
          eventId: eventIds.run(context.runId, 'started'),
          runId: context.runId,
          payload: {
            trigger: context.trigger,
            sourceBatches: context.sourceBatchIds,
            leaseExpiresAt: context.leaseExpiresAt,
          },
        },
      ),
    ]);
    this.logger.log(context.log, 'consolidation started');
  }

  private async recordFinish(
    context: RunContext,
    status: ConsolidationStatus.SUCCEEDED | ConsolidationStatus.FAILED,
    figures: RunFigures,
    error?: string,
    missingPlayers: readonly string[] = [],
  ): Promise<ConsolidationResult> {
    const finishedAt = this.batches.now();
    const succeeded = status === ConsolidationStatus.SUCCEEDED;
    await this.batches.appendEvents([
      this.batches.event(
        context.batchId,
        context.gameDate,
        succeeded ? BatchEventType.ConsolidationSucceeded : BatchEventType.ConsolidationFailed,
        finishedAt,
        {
          eventId: eventIds.run(context.runId, succeeded ? 'succeeded' : 'failed'),
          runId: context.runId,
          payload: {
            ...figures,
            ...(error ? { error } : {}),
            ...(missingPlayers.length ? { missingPlayers } : {}),
          },
        },
      ),
    ]);
    const log = { ...context.log, ...figures, status };
    if (succeeded) this.logger.log(log, 'consolidation succeeded');
    else this.logger.warn({ ...log, error }, 'consolidation recorded as failed');
    const result: ConsolidationResult = {
      id: context.runId,
      batchId: context.batchId,
      gameDate: context.gameDate,
      trigger: context.trigger,
      status,
      startedAt: context.startedAt,
      finishedAt,
      figures,
      error: error ?? null,
      missingPlayers,
      principal: context.principal,
    };
    this.events.runFinished(result);
    return result;
  }

  /**
   * Extends the run's lease and announces the new expiry in the batch's events, so every
   * replica sees the run alive (CONSOLIDATING, not retried) for as long as it renews.
   */
  private async renew(context: RunContext): Promise<void> {
    const { gameDate, runId, log } = context;
    try {
      const now = this.clock.now();
      const lease = this.config.values.LOCK_LEASE_SECONDS;
      if (!(await this.locks.renew(gameDate, runId, now, lease))) {
        this.logger.error(log, 'lease lost during a run: its MERGE cannot commit');
        return;
      }
      const leaseExpiresAt = new Date(now.getTime() + lease * 1000).toISOString();
      await this.batches.appendEvents([
        this.batches.event(
          context.batchId,
          gameDate,
          BatchEventType.ConsolidationRenewed,
          now.toISOString(),
          {
            eventId: eventIds.renewed(runId, leaseExpiresAt),
            runId,
            payload: { leaseExpiresAt },
          },
        ),
      ]);
      this.logger.debug({ ...log, leaseExpiresAt }, 'lease renewed');
    } catch (error) {
      this.logger.warn({ ...log, err: error }, 'lease renewal failed; will try again');
    }
  }

  private busy(scope: ConsolidationScope, why: string): DomainError {
    return DomainError.conflict(
      `consolidation for game date ${scope.gameDate} is already in progress: ${why}`,
      {
        gameDate: scope.gameDate,
        batchId: scope.batchId,
      },
    );
  }
}

function toRunFigures(stagingTables: number, figures: MergeFigures): RunFigures {
  return {
    stagingTables,
    rowsStaged: figures.rowsStaged,
    duplicatesDropped: figures.rowsStaged - figures.rowsUnique,
    rowsStale: figures.rowsStale,
    rowsInserted: figures.rowsInserted,
    rowsUpdated: figures.rowsUpdated,
    rowsDeactivated: figures.rowsDeactivated,
  };
}

/** Runs both, waits for both to finish, then throws the first failure (nothing left running). */
async function bothSettled<A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a(), b()]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}

function newRunId(batchId: string, now: Date): string {
  return `r${now.getTime().toString(36)}_${batchId}_${randomBytes(3).toString('hex')}`;
}

/**
 * What a run records (and clients read) for an unexpected failure: its kind, never the
 * driver's text or SQL, which stay in the log line written for the run.
 */
function internalFailure(error: unknown, runId: string): string {
  const kind =
    error instanceof WarehouseError
      ? `warehouse ${error.kind} error in ${error.operation}`
      : 'internal error';
  return `${kind}; details in the service log for run ${runId}`;
}
