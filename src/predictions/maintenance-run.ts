import { ConsolidationStatus } from '../consolidation/consolidation-run';

/** What an operator's repair of the target table did. */
export enum MaintenanceKind {
  REPAIR_DUPLICATES = 'REPAIR_DUPLICATES',
  RESTORE = 'RESTORE',
}

/**
 * A run's figures, by name: duplicateKeys and rowsDeactivated for a repair; rowsNow,
 * rowsAsOf, rowsInserted, rowsUpdated, rowsDeleted and rowsUnchanged for a restore. In a
 * dry run, what a real run would do.
 */
export type MaintenanceFigures = Readonly<Record<string, number>>;

/** One repair or restore as recorded: who asked, when, what it did or would do. */
export interface MaintenanceRunRecord {
  readonly id: string;
  readonly kind: MaintenanceKind;
  readonly gameDate: string;
  readonly dryRun: boolean;
  readonly status: ConsolidationStatus;
  readonly principal: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly asOf: string | null;
  readonly figures: MaintenanceFigures;
  readonly error: string | null;
}
