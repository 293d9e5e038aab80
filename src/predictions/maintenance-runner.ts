import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { KeyedMutex } from '../common/keyed-mutex';
import { currentPrincipal } from '../common/principal-context';
import { AppConfig } from '../config/app-config';
import { ConsolidationStatus } from '../consolidation/consolidation-run';
import { ConsolidationService } from '../consolidation/consolidation.service';
import { LEASE_CHECK, LockRepository } from '../consolidation/lock.repository';
import { WarehouseError, type TransactionStep } from '../warehouse/warehouse-client';
import {
  MaintenanceKind,
  type MaintenanceFigures,
  type MaintenanceRunRecord,
} from './maintenance-run';
import { MaintenanceRunsRepository } from './maintenance-runs.repository';

export interface MaintenanceSpec {
  readonly kind: MaintenanceKind;
  readonly gameDate: string;
  readonly dryRun: boolean;
  readonly asOf?: string;
}

/**
 * A real run's work gets the fence its one transaction must begin with (built when called,
 * so it extends the lease from that moment): it commits only while the run holds the lease.
 */
export type FenceStep = () => TransactionStep;

const PREFIX: Record<MaintenanceKind, string> = {
  [MaintenanceKind.REPAIR_DUPLICATES]: 'repair',
  [MaintenanceKind.RESTORE]: 'restore',
};

/**
 * Runs the operator's repairs of the target table as recorded runs. A real run holds the
 * game date's consolidation lease from before it reads the figures until after it commits,
 * and its transaction is fenced by that lease, exactly as a consolidation's MERGE: a repair
 * and a consolidation of one date never interleave, on any replica. Every run, dry or not,
 * succeeded or failed, is recorded with who asked.
 */
@Injectable()
export class MaintenanceRunner {
  private readonly logger = new Logger(MaintenanceRunner.name);
  private readonly perDate = new KeyedMutex();

  constructor(
    private readonly locks: LockRepository,
    private readonly consolidations: ConsolidationService,
    private readonly runs: MaintenanceRunsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` as one recorded run. A dry run's work gets no fence and must change nothing;
   * a real run's work gets the fence and the run id (for its snapshots' names).
   */
  async run(
    spec: MaintenanceSpec,
    work: (fence: FenceStep | undefined, runId: string) => Promise<MaintenanceFigures>,
  ): Promise<MaintenanceRunRecord> {
    const run = this.newRun(spec);
    // A consolidation of the date that just finished here writes its after-image first.
    await this.consolidations.afterImageWritten(spec.gameDate);
    if (spec.dryRun) return this.finish(run, () => work(undefined, run.id));
    return this.perDate.run(spec.gameDate, async () => {
      await this.takeLease(run);
      try {
        await this.runs.record(run);
        this.logger.log(this.logOf(run), `${run.kind} started`);
        return await this.finish(run, () => work(() => this.fence(run), run.id));
      } finally {
        await this.release(run);
      }
    });
  }

  /** Recorded runs, newest first; a real run that never finished within its lease is FAILED. */
  async list(filter: {
    gameDate?: string | null;
    kind?: MaintenanceKind | null;
    first: number;
  }): Promise<MaintenanceRunRecord[]> {
    const runs = await this.runs.runs({ ...filter, limit: filter.first });
    const leaseMs = this.config.values.LOCK_LEASE_SECONDS * 1000;
    const now = this.clock.now().getTime();
    return runs.map((run) =>
      run.status === ConsolidationStatus.RUNNING && now > Date.parse(run.startedAt) + leaseMs
        ? {
            ...run,
            status: ConsolidationStatus.FAILED,
            error:
              'abandoned: no outcome was recorded before its lease expired; see the date for what it did',
          }
        : run,
    );
  }

  private newRun(spec: MaintenanceSpec): MaintenanceRunRecord {
    const now = this.clock.now();
    return {
      id: `${PREFIX[spec.kind]}_${now.getTime().toString(36)}_${randomBytes(3).toString('hex')}`,
      kind: spec.kind,
      gameDate: spec.gameDate,
      dryRun: spec.dryRun,
      status: ConsolidationStatus.RUNNING,
      principal: currentPrincipal(),
      startedAt: now.toISOString(),
      finishedAt: null,
      asOf: spec.asOf ?? null,
      figures: {},
      error: null,
    };
  }

  private async takeLease(run: MaintenanceRunRecord): Promise<void> {
    const lease = this.config.values.LOCK_LEASE_SECONDS;
    const holder = await this.locks.acquire(run.gameDate, run.id, this.clock.now(), lease);
    if (holder?.owner === run.id) return;
    const refusal = DomainError.conflict(
      `the lock for ${run.gameDate} is held by ${holder?.owner ?? 'another run'} (a consolidation, repair or restore); try again when it finishes`,
      { gameDate: run.gameDate },
    );
    await this.record({
      ...this.finished(run, ConsolidationStatus.FAILED),
      error: refusal.message,
    });
    this.logger.warn(
      { ...this.logOf(run), holder: holder?.owner },
      `${run.kind} refused: lock busy`,
    );
    throw refusal;
  }

  private async finish(
    run: MaintenanceRunRecord,
    work: () => Promise<MaintenanceFigures>,
  ): Promise<MaintenanceRunRecord> {
    let figures: MaintenanceFigures;
    try {
      figures = await work();
    } catch (error) {
      const refusal = this.refusalOf(run, error);
      const message = refusal?.message ?? internalFailure(error);
      await this.record({ ...this.finished(run, ConsolidationStatus.FAILED), error: message });
      // Unexpected errors are logged once by the GraphQL error filter; refusals here.
      if (refusal) this.logger.warn({ ...this.logOf(run), error: message }, `${run.kind} failed`);
      throw refusal ?? error;
    }
    const done = { ...this.finished(run, ConsolidationStatus.SUCCEEDED), figures };
    await this.runs.record(done);
    this.logger.log(
      { ...this.logOf(run), ...figures },
      `${run.kind} ${run.dryRun ? 'dry run' : 'done'}`,
    );
    return done;
  }

  /** A failure the caller can act on: a domain error, or a transaction check that refused to commit. */
  private refusalOf(run: MaintenanceRunRecord, error: unknown): DomainError | undefined {
    if (error instanceof DomainError) return error;
    if (!(error instanceof WarehouseError) || error.kind !== 'check_failed') return undefined;
    const what = run.kind === MaintenanceKind.RESTORE ? 'restore' : 'repair';
    return DomainError.conflict(
      error.check === LEASE_CHECK
        ? `the lease on ${run.gameDate} passed to another run before the ${what} committed; nothing was written`
        : `the ${what} was rolled back, nothing was written: ${error.message}`,
      { gameDate: run.gameDate },
    );
  }

  private finished(run: MaintenanceRunRecord, status: ConsolidationStatus): MaintenanceRunRecord {
    return { ...run, status, finishedAt: this.clock.now().toISOString() };
  }

  /** A failure's record must not hide the failure itself. */
  private async record(run: MaintenanceRunRecord): Promise<void> {
    await this.runs
      .record(run)
      .catch((error: unknown) =>
        this.logger.error({ ...this.logOf(run), err: error }, `${run.kind} record not written`),
      );
  }

  private fence(run: MaintenanceRunRecord): TransactionStep {
    const lease = this.config.values.LOCK_LEASE_SECONDS;
    return this.locks.fence(run.gameDate, run.id, this.clock.now(), lease);
  }

  private async release(run: MaintenanceRunRecord): Promise<void> {
    await this.locks.release(run.gameDate, run.id).catch((error: unknown) => {
      this.logger.error(
        { ...this.logOf(run), err: error },
        'lock release failed; the lease will expire',
      );
    });
  }

  private logOf(run: MaintenanceRunRecord): Record<string, unknown> {
    const { id, kind, gameDate, dryRun, principal, asOf } = run;
    return { runId: id, kind, gameDate, dryRun, principal, ...(asOf ? { asOf } : {}) };
  }
}

/** What the record says of an unexpected failure: its kind, never the driver's text. */
function internalFailure(error: unknown): string {
  const kind =
    error instanceof WarehouseError
      ? `warehouse ${error.kind} error in ${error.operation}`
      : 'internal error';
  return `${kind}; details in the service log`;
}
