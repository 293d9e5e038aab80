import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { BatchStatus, type BatchState } from '../batch/batch-state';
import { parseBatchId } from '../batch/batch-events';
import { BatchService } from '../batch/batch.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { actingAs, SYSTEM_CRON } from '../common/principal-context';
import { AppConfig } from '../config/app-config';
import { ConsolidationTriggers } from './consolidation-triggers.service';
import { COMBINE_PREFIX, ConsolidationService } from './consolidation.service';
import { ConsolidationTrigger } from './consolidation-run';
import { ConsolidationRepository } from './consolidation.repository';
import { StagingCatalogRepository } from './staging-catalog.repository';

const CRON_NAME = 'consolidation';
const MAX_BACKOFF_MINUTES = 60;

export interface CronTickReport {
  readonly stalled: number;
  readonly retried: number;
  readonly swept: number;
  readonly snapshotRowsPruned: number;
  readonly skipped?: boolean;
}

/**
 * The fallback that finishes what the happy path did not: stalled and over-age batches,
 * failed runs (with backoff), orphaned staging tables. Never overlaps itself; several
 * replicas are safe because every run takes the game date's lease.
 */
@Injectable()
export class ConsolidationCron implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConsolidationCron.name);
  private ticking = false;

  constructor(
    private readonly triggers: ConsolidationTriggers,
    private readonly consolidation: ConsolidationService,
    private readonly batches: BatchService,
    private readonly catalog: StagingCatalogRepository,
    private readonly repository: ConsolidationRepository,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    if (!this.config.values.CONSOLIDATION_CRON_ENABLED) {
      this.logger.warn('consolidation cron disabled (CONSOLIDATION_CRON_ENABLED=false)');
      return;
    }
    const job = CronJob.from({
      cronTime: this.config.values.CONSOLIDATION_CRON,
      onTick: () => void this.tick(),
      timeZone: 'UTC',
    });
    this.registry.addCronJob(CRON_NAME, job);
    job.start();
    this.logger.log(
      { cron: this.config.values.CONSOLIDATION_CRON },
      'consolidation cron scheduled',
    );
  }

  /** No tick starts while runs in flight finish and the warehouse closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', CRON_NAME))
      await this.registry.getCronJob(CRON_NAME).stop();
  }

  async tick(): Promise<CronTickReport> {
    if (this.ticking) {
      this.logger.log('previous cron tick still running: this one skipped');
      return { stalled: 0, retried: 0, swept: 0, snapshotRowsPruned: 0, skipped: true };
    }
    this.ticking = true;
    try {
      // One read of every batch still in play serves the stall check, the retries and the sweep.
      const open = await this.step('open', () => this.batches.openBatches());
      const stalled = await this.step('stalled', () =>
        this.triggers.checkStalledBatches(
          this.config.values.STALL_THRESHOLD_MINUTES,
          this.config.values.MIN_COMPLETION_PCT,
          open,
        ),
      );
      // A batch the stall check just decided is not retried in the same tick.
      const decided = new Set(stalled?.map((d) => d.batch.id));
      const retried = await this.step('retry', () =>
        this.retryFailed(open?.filter((b) => !decided.has(b.id))),
      );
      const swept = await this.step('sweep', () => this.sweepOrphans(open));
      const pruned = await this.step('snapshots', () => this.pruneSnapshots());
      const report = {
        stalled: stalled?.length ?? 0,
        retried: retried ?? 0,
        swept: swept ?? 0,
        snapshotRowsPruned: pruned ?? 0,
      };
      this.logger.log(report, 'cron tick done');
      return report;
    } finally {
      this.ticking = false;
    }
  }

  /** FAILED batches again, after 1, 2, 4 ... minutes, up to MAX_CONSOLIDATION_ATTEMPTS. */
  async retryFailed(open?: readonly BatchState[]): Promise<number> {
    const now = this.clock.now().getTime();
    let retried = 0;
    const batches = open ?? (await this.batches.openBatches());
    for (const batch of batches.filter((b) => b.status === BatchStatus.FAILED)) {
      const failures = consecutiveFailures(batch);
      const last = batch.runs.at(-1);
      const log = { batchId: batch.id, gameDate: batch.gameDate, failures };
      if (failures >= this.config.values.MAX_CONSOLIDATION_ATTEMPTS) {
        this.logger.error(
          { ...log, event: 'consolidation_gave_up', lastError: last?.error },
          'consolidation gave up after the maximum attempts: operator action needed',
        );
        continue;
      }
      const waitMinutes = Math.min(2 ** (failures - 1), MAX_BACKOFF_MINUTES);
      const since = Date.parse(last?.finishedAt ?? last?.startedAt ?? batch.lastActivityAt);
      if (now - since < waitMinutes * 60_000) {
        this.logger.log({ ...log, waitMinutes }, 'failed batch waits for its backoff');
        continue;
      }
      this.logger.log(log, 'retrying failed consolidation');
      await this.triggers.decide(batch, ConsolidationTrigger.RETRY);
      retried++;
    }
    return retried;
  }

  /** Staging tables nobody will consolidate (batch consolidated, missing or cancelled) are consolidated, never deleted. */
  async sweepOrphans(open?: readonly BatchState[]): Promise<number> {
    const byBatch = await this.catalog.stagingByBatch();
    let swept = 0;
    for (const [batchId, tables] of byBatch) {
      const scope = await this.orphanScope(batchId, open);
      if (!scope) continue;
      this.logger.warn(
        { batchId: scope.batchId, gameDate: scope.gameDate, orphanOf: batchId, tables },
        'orphaned staging found: consolidating',
      );
      try {
        await this.consolidation.consolidate(scope, ConsolidationTrigger.ORPHAN_SWEEP);
        swept++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    await this.dropStaleCombineTables();
    return swept;
  }

  /** Snapshots past SNAPSHOT_RETENTION_DAYS go (each date keeps its state at the cutoff). */
  async pruneSnapshots(): Promise<number> {
    const days = this.config.values.SNAPSHOT_RETENTION_DAYS;
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000).toISOString();
    const rows = await this.repository.pruneSnapshots(cutoff);
    if (rows > 0) this.logger.log({ cutoff, rows, retentionDays: days }, 'old snapshots pruned');
    return rows;
  }

  /**
   * The run that would consolidate a batch's leftover staging, if it is orphaned. A batch in
   * the tick's read of batches in play is judged from it: only batches outside it are read.
   */
  private async orphanScope(batchId: string, open?: readonly BatchState[]) {
    const parsed = parseBatchId(batchId);
    if (!parsed) return undefined;
    const batch = open?.find((b) => b.id === batchId) ?? (await this.batches.findBatch(batchId));
    if (!batch)
      return { batchId, gameDate: parsed.gameDate, sourceBatchIds: [batchId], completions: [] };
    const owner =
      batch.status === BatchStatus.SUPERSEDED ? await this.batches.canonicalFor(batch) : batch;
    const idleMinutes = (this.clock.now().getTime() - Date.parse(owner.lastActivityAt)) / 60_000;
    const settled =
      owner.status === BatchStatus.CONSOLIDATED || owner.status === BatchStatus.CANCELLED;
    if (!settled || idleMinutes < this.config.values.ORPHAN_AGE_MINUTES) return undefined;
    const scope = await this.triggers.scopeOf(owner);
    return scope.sourceBatchIds.includes(batchId)
      ? scope
      : { ...scope, sourceBatchIds: [...scope.sourceBatchIds, batchId] };
  }

  private async dropStaleCombineTables(): Promise<void> {
    const cutoff = this.clock.now().getTime() - 60 * 60_000;
    const stale = (await this.catalog.tableNames(COMBINE_PREFIX)).filter((name) => {
      const match = /^_combine_r([0-9a-z]+)_/.exec(name);
      return match?.[1] !== undefined && parseInt(match[1], 36) < cutoff;
    });
    if (stale.length > 0) {
      await this.catalog.drop(stale);
      this.logger.log({ tables: stale.length }, 'stale combine tables dropped');
    }
  }

  private async step<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await actingAs(SYSTEM_CRON, work);
    } catch (error) {
      this.logger.error({ step: name, err: error }, 'cron step failed; the next tick tries again');
      return undefined;
    }
  }
}

function consecutiveFailures(batch: BatchState): number {
  let count = 0;
  for (const run of [...batch.runs].reverse()) {
    if (run.outcome !== 'FAILED') break;
    count++;
  }
  return count;
}
