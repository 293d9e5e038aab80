import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { ConsolidationRepository } from '../consolidation/consolidation.repository';
import { MaintenanceKind, type MaintenanceRunRecord } from './maintenance-run';
import { MaintenanceRunner, type FenceStep } from './maintenance-runner';
import { PredictionsRepository } from './predictions.repository';
import { RestoreRepository, type RestoreSource } from './restore.repository';

const TIME_TRAVEL_DAYS = 7;

/**
 * Puts a date's rows back as they were at an instant (time travel, or the service's
 * snapshots). Every restore, dry or not, is a recorded run; a real one holds the date's
 * lease and commits in one transaction fenced by it, with snapshots around it so it can
 * be undone.
 */
@Injectable()
export class RestoreService {
  constructor(
    private readonly restores: RestoreRepository,
    private readonly predictions: PredictionsRepository,
    private readonly snapshots: ConsolidationRepository,
    private readonly runner: MaintenanceRunner,
    private readonly clock: Clock,
  ) {}

  async restore(gameDate: string, asOf: string, dryRun: boolean): Promise<MaintenanceRunRecord> {
    this.assertRestorable(asOf);
    const spec = { kind: MaintenanceKind.RESTORE, gameDate, dryRun, asOf };
    return this.runner.run(spec, async (fence, runId) => {
      const source = await this.sourceFor(gameDate, asOf);
      const figures = await this.restores.figures(gameDate, asOf, source);
      if (fence) await this.commit(gameDate, asOf, source, fence, runId);
      return {
        rowsNow: figures.rowsNow,
        rowsAsOf: figures.rowsAsOf,
        rowsInserted: figures.rowsToInsert,
        rowsUpdated: figures.rowsToUpdate,
        rowsDeleted: figures.rowsToDelete,
        rowsUnchanged: figures.rowsUnchanged,
      };
    });
  }

  private async commit(
    gameDate: string,
    asOf: string,
    source: RestoreSource,
    fence: FenceStep,
    runId: string,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    const job = { operation: 'restore', gameDate };
    await this.snapshots.snapshotDate(gameDate, `${runId}_1before`, 'before_restore', now, job);
    await this.restores.restore(gameDate, asOf, source, fence());
    // The after-state starts just after the before-state, so restoring as of `now` undoes this.
    const afterAt = new Date(
      Math.max(this.clock.now().getTime(), Date.parse(now) + 1),
    ).toISOString();
    await this.snapshots.snapshotDate(gameDate, `${runId}_2after`, 'after_restore', afterAt, job);
  }

  private assertRestorable(asOf: string): void {
    const now = this.clock.now().getTime();
    if (Date.parse(asOf) > now + 60_000) {
      throw DomainError.badInput('asOf is in the future', [
        { field: 'asOf', problem: 'after now' },
      ]);
    }
    if (this.restores.hasTimeTravel && now - Date.parse(asOf) > TIME_TRAVEL_DAYS * 86_400_000) {
      throw DomainError.badInput('asOf is more than 7 days ago, beyond BigQuery time travel', [
        { field: 'asOf', problem: 'older than the time-travel window' },
      ]);
    }
  }

  private async sourceFor(gameDate: string, asOf: string): Promise<RestoreSource> {
    if (this.restores.hasTimeTravel) return { kind: 'time_travel' };
    const snapshot = await this.predictions.snapshotAsOf(gameDate, asOf);
    if (!snapshot) {
      throw DomainError.notFound(
        `no snapshot of ${gameDate} was taken at or before ${asOf}; nothing to restore from`,
      );
    }
    if (snapshot.owed) {
      // Never the state before that MERGE instead: it would silently undo the run.
      throw DomainError.notFound(
        `the rows of ${gameDate} as of ${asOf} were not kept: a consolidation committed at ${snapshot.at} and the service stopped before writing its after-image; ` +
          `restore as of an instant before ${snapshot.at}, or after the date's next change`,
      );
    }
    return { kind: 'snapshot', snapshotId: snapshot.id };
  }
}
