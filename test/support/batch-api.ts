import assert from 'node:assert/strict';
import type { GraphqlResponse, TestApp } from './test-app';

/** The batch as a GraphQL client reads it. */
export interface BatchView {
  id: string;
  gameDate: string;
  status: string;
  expectedPlayers: number;
  completedPlayers: number;
  pendingPlayers: string[];
  unexpectedPlayers: string[];
  completionPct: number;
  predictionsReported: number;
  correlationId: string | null;
  supersededBy: string | null;
  mergedFrom: string[];
  createdAt: string;
  lastActivityAt: string;
  isStalled: boolean;
  completions: { playerLookup: string; predictionsCount: number; completedAt: string }[];
}

export const BATCH_FIELDS = `id gameDate status expectedPlayers completedPlayers pendingPlayers
  unexpectedPlayers completionPct predictionsReported correlationId supersededBy mergedFrom
  createdAt lastActivityAt isStalled completions { playerLookup predictionsCount completedAt }`;

export const START_BATCH = `mutation StartBatch($input: StartBatchInput!) {
  startBatch(input: $input) { created batch { ${BATCH_FIELDS} } }
}`;

export const RECORD_COMPLETION = `mutation RecordCompletion($input: RecordCompletionInput!) {
  recordCompletion(input: $input) { batchComplete consolidationTriggered batch { ${BATCH_FIELDS} } }
}`;

export const CANCEL_BATCH = `mutation CancelBatch($id: ID!) { cancelBatch(id: $id) { ${BATCH_FIELDS} } }`;

export const BATCH = `query Batch($id: ID!) { batch(id: $id) { ${BATCH_FIELDS} } }`;

export const BATCHES = `query Batches($gameDate: Date, $status: BatchStatus, $first: Int) {
  batches(gameDate: $gameDate, status: $status, first: $first) { ${BATCH_FIELDS} }
}`;

export interface StartBatchVars {
  gameDate: string;
  players: string[];
  correlationId?: string;
  force?: boolean;
}

export interface CompletionVars {
  batchId: string;
  playerLookup: string;
  predictionsCount: number;
}

export interface StartResult {
  created: boolean;
  batch: BatchView;
}

export interface CompletionResult {
  batchComplete: boolean;
  consolidationTriggered: boolean;
  batch: BatchView;
}

/** The batch operations of the API, as a scheduler, a worker or an operator calls them. */
export function batchApi(t: TestApp) {
  return {
    async startBatch(input: StartBatchVars): Promise<StartResult> {
      return (await t.ok<{ startBatch: StartResult }>(START_BATCH, { input })).startBatch;
    },
    async recordCompletion(input: CompletionVars): Promise<CompletionResult> {
      const data = await t.ok<{ recordCompletion: CompletionResult }>(RECORD_COMPLETION, { input });
      return data.recordCompletion;
    },
    async cancelBatch(id: string): Promise<BatchView> {
      return (await t.ok<{ cancelBatch: BatchView }>(CANCEL_BATCH, { id })).cancelBatch;
    },
    async batch(id: string): Promise<BatchView | null> {
      return (await t.ok<{ batch: BatchView | null }>(BATCH, { id })).batch;
    },
    async existingBatch(id: string): Promise<BatchView> {
      const batch = await this.batch(id);
      assert.ok(batch, `batch ${id} should exist`);
      return batch;
    },
    async batches(filter: { gameDate?: string; status?: string; first?: number } = {}) {
      return (await t.ok<{ batches: BatchView[] }>(BATCHES, filter)).batches;
    },
  };
}

/**
 * Asserts a request was refused with `code` and a message matching `message`, and that the
 * server did not fail instead (no INTERNAL_SERVER_ERROR, no stack trace).
 */
export function assertRefused(
  response: GraphqlResponse<unknown>,
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT',
  message: RegExp,
): void {
  const errors = response.errors ?? [];
  assert.ok(errors.length > 0, `expected ${code}, got data ${JSON.stringify(response.data)}`);
  assert.deepEqual(
    errors.map((e) => e.extensions?.code),
    errors.map(() => code),
    JSON.stringify(errors),
  );
  assert.match(errors.map((e) => e.message).join('\n'), message);
  for (const error of errors) assert.equal(error.extensions?.stacktrace, undefined);
}
