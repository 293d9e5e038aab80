/** The events a batch's state is derived from. */
export enum BatchEventType {
  Started = 'BATCH_STARTED',
  PlayerCompleted = 'PLAYER_COMPLETED',
  PlayersAdded = 'PLAYERS_ADDED',
  Superseded = 'BATCH_SUPERSEDED',
  Cancelled = 'BATCH_CANCELLED',
  ConsolidationStarted = 'CONSOLIDATION_STARTED',
  /** A run renewed its lease: it is alive until the payload's leaseExpiresAt. */
  ConsolidationRenewed = 'CONSOLIDATION_RENEWED',
  ConsolidationSucceeded = 'CONSOLIDATION_SUCCEEDED',
  ConsolidationFailed = 'CONSOLIDATION_FAILED',
}

export interface BatchEvent {
  readonly eventId: string;
  readonly batchId: string;
  readonly gameDate: string;
  readonly type: BatchEventType;
  readonly playerLookup?: string;
  readonly predictionsCount?: number;
  readonly runId?: string;
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly occurredAt: string;
  /** Who caused it (see common/principal-context); absent on events recorded before the audit trail. */
  readonly principal?: string;
}

/** Deterministic event ids: a retried write of the same fact is the same event. */
export const eventIds = {
  started: (batchId: string) => `${batchId}:started`,
  completed: (batchId: string, player: string, count: number) =>
    `${batchId}:completed:${player}:${count}`,
  playersAdded: (batchId: string, fromBatchId: string) => `${batchId}:players-from:${fromBatchId}`,
  superseded: (batchId: string) => `${batchId}:superseded`,
  cancelled: (batchId: string) => `${batchId}:cancelled`,
  run: (runId: string, phase: 'started' | 'succeeded' | 'failed') => `${runId}:${phase}`,
  renewed: (runId: string, leaseExpiresAt: string) => `${runId}:renewed:${leaseExpiresAt}`,
};

/** Batch ids carry their game date, so every read of a batch can filter on its partition. */
export function batchIdFor(gameDate: string, generation: number): string {
  return `b${gameDate.replace(/-/g, '')}_${generation}`;
}

export function parseBatchId(
  batchId: string,
): { gameDate: string; generation: number } | undefined {
  const match = /^b(\d{4})(\d{2})(\d{2})_(\d{1,6})$/.exec(batchId);
  if (!match) return undefined;
  return { gameDate: `${match[1]}-${match[2]}-${match[3]}`, generation: Number(match[4]) };
}
