export enum ConsolidationTrigger {
  BATCH_COMPLETE = 'BATCH_COMPLETE',
  MANUAL = 'MANUAL',
  STALLED_CHECK = 'STALLED_CHECK',
  RETRY = 'RETRY',
  ORPHAN_SWEEP = 'ORPHAN_SWEEP',
}

export enum ConsolidationStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

export interface RunFigures {
  readonly stagingTables: number;
  readonly rowsStaged: number;
  readonly duplicatesDropped: number;
  /** Staged rows older than the version the target holds: skipped, never applied. */
  readonly rowsStale: number;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
  readonly rowsDeactivated: number;
}

export const NO_FIGURES: RunFigures = {
  stagingTables: 0,
  rowsStaged: 0,
  duplicatesDropped: 0,
  rowsStale: 0,
  rowsInserted: 0,
  rowsUpdated: 0,
  rowsDeactivated: 0,
};

export interface ConsolidationResult {
  readonly id: string;
  readonly batchId: string;
  readonly gameDate: string;
  readonly trigger: ConsolidationTrigger;
  readonly status: ConsolidationStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly figures: RunFigures;
  readonly error: string | null;
  readonly missingPlayers: readonly string[];
  /** Who started the run (a caller's key id or email, or system:cron). */
  readonly principal: string;
}

/** A failure of one consolidation step; its message is recorded on the run. */
export class ConsolidationFailure extends Error {
  constructor(
    message: string,
    readonly step: string,
    readonly missingPlayers: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ConsolidationFailure';
  }
}
