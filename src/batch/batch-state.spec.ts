import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BatchEventType, eventIds, type BatchEvent } from './batch-events';
import {
  BatchStatus,
  completionPct,
  deriveBatch,
  isComplete,
  isStalled,
  type BatchState,
} from './batch-state';

const BATCH = 'b20260130_1';
const DATE = '2026-01-30';
const LEASE_SECONDS = 120;
const NOW = new Date('2026-01-30T16:00:00.000Z');

/** 2026-01-30 at HH:MM UTC. */
function at(time: string): string {
  return `${DATE}T${time}:00.000Z`;
}

function started(players: string[], time = '15:00', payload: Record<string, unknown> = {}) {
  return event(BatchEventType.Started, time, {
    eventId: eventIds.started(BATCH),
    payload: { players, ...payload },
  });
}

function completed(player: string, count: number, time: string): BatchEvent {
  return event(BatchEventType.PlayerCompleted, time, {
    eventId: eventIds.completed(BATCH, player, count),
    playerLookup: player,
    predictionsCount: count,
  });
}

function run(runId: string, phase: 'started' | 'succeeded' | 'failed', time: string): BatchEvent {
  const type = {
    started: BatchEventType.ConsolidationStarted,
    succeeded: BatchEventType.ConsolidationSucceeded,
    failed: BatchEventType.ConsolidationFailed,
  }[phase];
  return event(type, time, {
    eventId: eventIds.run(runId, phase),
    runId,
    payload: phase === 'failed' ? { error: 'MERGE failed' } : { trigger: 'BATCH_COMPLETE' },
  });
}

function event(
  type: BatchEventType,
  time: string,
  rest: Omit<BatchEvent, 'batchId' | 'gameDate' | 'type' | 'occurredAt'>,
): BatchEvent {
  return { batchId: BATCH, gameDate: DATE, type, occurredAt: at(time), ...rest };
}

function derive(events: BatchEvent[], now = NOW): BatchState {
  const batch = deriveBatch(events, now, LEASE_SECONDS);
  assert.ok(batch, 'expected a batch to be derived');
  return batch;
}

describe('deriveBatch', () => {
  it('derives nothing without a start event', () => {
    assert.equal(deriveBatch([completed('ann', 3, '15:01')], NOW, LEASE_SECONDS), undefined);
  });

  it('reads a started batch as OPEN with every expected player pending', () => {
    const batch = derive([started(['cat', 'ann', 'bob'], '15:00', { correlationId: 'run-7' })]);
    assert.equal(batch.id, BATCH);
    assert.equal(batch.gameDate, DATE);
    assert.equal(batch.generation, 1);
    assert.equal(batch.status, BatchStatus.OPEN);
    assert.deepEqual(batch.expectedPlayers, ['ann', 'bob', 'cat']);
    assert.deepEqual(batch.pendingPlayers, ['ann', 'bob', 'cat']);
    assert.equal(batch.completedExpected, 0);
    assert.equal(batch.correlationId, 'run-7');
    assert.equal(batch.createdAt, at('15:00'));
    assert.equal(batch.lastActivityAt, at('15:00'));
  });

  it('counts a completion delivered many times once', () => {
    const delivery = completed('ann', 7, '15:05');
    const batch = derive([started(['ann', 'bob']), ...Array.from({ length: 10 }, () => delivery)]);
    assert.equal(batch.completedExpected, 1);
    assert.equal(batch.completions.length, 1);
    assert.equal(batch.predictionsReported, 7);
    assert.deepEqual(batch.pendingPlayers, ['bob']);
  });

  it('keeps the latest count of a player who reported twice, whatever order events arrive in', () => {
    const events = [started(['ann']), completed('ann', 12, '15:05'), completed('ann', 8, '15:09')];
    for (const order of [events, [...events].reverse()]) {
      const batch = derive(order);
      assert.equal(batch.completedExpected, 1);
      assert.deepEqual(batch.completions, [
        { playerLookup: 'ann', predictionsCount: 8, completedAt: at('15:09') },
      ]);
      assert.equal(batch.predictionsReported, 8);
    }
  });

  it('derives the same state from shuffled events', () => {
    const events = [
      started(['ann', 'bob', 'cat']),
      completed('cat', 2, '15:01'),
      completed('ann', 5, '15:02'),
      completed('ann', 5, '15:02'),
      completed('bob', 0, '15:03'),
    ];
    const shuffled = [events[3], events[1], events[4], events[0], events[2]].filter(
      (e): e is BatchEvent => e !== undefined,
    );
    assert.deepEqual(derive(shuffled), derive(events));
    assert.equal(derive(shuffled).lastActivityAt, at('15:03'));
  });

  it('records an unexpected player without counting it toward completion', () => {
    const batch = derive([started(['ann', 'bob']), completed('zed', 4, '15:01')]);
    assert.deepEqual(batch.unexpectedPlayers, ['zed']);
    assert.equal(batch.completedExpected, 0);
    assert.deepEqual(batch.pendingPlayers, ['ann', 'bob']);
    assert.equal(batch.predictionsReported, 4, 'what the stranger reported is still reported');
    assert.equal(completionPct(batch), 0);
    assert.equal(isComplete(batch), false);
  });

  it('treats a count of 0 as a completion', () => {
    const batch = derive([started(['ann']), completed('ann', 0, '15:01')]);
    assert.equal(batch.completedExpected, 1);
    assert.equal(isComplete(batch), true);
  });

  it('adds players and remembers the batches a PLAYERS_ADDED event merged in', () => {
    const batch = derive([
      started(['ann'], '15:00', { supersedes: 'b20260130_0' }),
      event(BatchEventType.PlayersAdded, '15:02', {
        eventId: eventIds.playersAdded(BATCH, 'b20260130_3'),
        payload: { players: ['bob'], fromBatches: ['b20260130_3'] },
      }),
    ]);
    assert.deepEqual(batch.expectedPlayers, ['ann', 'bob']);
    assert.deepEqual(batch.mergedFrom, ['b20260130_0', 'b20260130_3']);
  });
});

describe('batch status', () => {
  it('is SUPERSEDED with the batch that replaced it', () => {
    const batch = derive([
      started(['ann']),
      event(BatchEventType.Superseded, '15:10', {
        eventId: eventIds.superseded(BATCH),
        payload: { by: 'b20260130_2' },
      }),
    ]);
    assert.equal(batch.status, BatchStatus.SUPERSEDED);
    assert.equal(batch.supersededBy, 'b20260130_2');
  });

  it('is CANCELLED once cancelled, even with a live consolidation', () => {
    const batch = derive([
      started(['ann']),
      run('r1', 'started', '15:59'),
      event(BatchEventType.Cancelled, '15:59', { eventId: eventIds.cancelled(BATCH) }),
    ]);
    assert.equal(batch.status, BatchStatus.CANCELLED);
  });

  it('is CONSOLIDATING while a run started within the lease', () => {
    const batch = derive([started(['ann']), run('r1', 'started', '15:59')]);
    assert.equal(batch.status, BatchStatus.CONSOLIDATING);
    assert.equal(batch.runs[0]?.outcome, 'RUNNING');
  });

  it('is FAILED when a run was abandoned: started, never finished, lease expired', () => {
    const batch = derive([started(['ann']), run('r1', 'started', '15:50')]);
    assert.equal(batch.status, BatchStatus.FAILED);
    assert.equal(batch.runs[0]?.outcome, 'FAILED');
    assert.match(batch.runs[0]?.error ?? '', /abandoned/);
  });

  it('keeps a run that renews its lease CONSOLIDATING however long it takes, and fails it once renewals stop', () => {
    const renewed = (time: string, until: string) =>
      event(BatchEventType.ConsolidationRenewed, time, {
        eventId: eventIds.renewed('r1', at(until)),
        runId: 'r1',
        payload: { leaseExpiresAt: at(until) },
      });
    const events = [
      started(['ann']),
      event(BatchEventType.ConsolidationStarted, '15:00', {
        eventId: eventIds.run('r1', 'started'),
        runId: 'r1',
        payload: { trigger: 'MANUAL', leaseExpiresAt: at('15:02') },
      }),
      renewed('15:01', '15:03'),
      renewed('15:59', '16:01'),
    ];
    assert.equal(derive(events).status, BatchStatus.CONSOLIDATING, 'an hour in, still renewing');
    const later = derive(events, new Date(at('16:02')));
    assert.equal(later.status, BatchStatus.FAILED);
    assert.match(later.runs[0]?.error ?? '', /abandoned: lease expired/);
  });

  it('reads a redelivered completion at its first time: a copy stored later is not a later report', () => {
    const first = completed('ann', 5, '15:01');
    const batch = derive([
      started(['ann']),
      first,
      completed('ann', 7, '15:02'),
      { ...first, occurredAt: at('15:03') },
    ]);
    assert.deepEqual(batch.completions, [
      { playerLookup: 'ann', predictionsCount: 7, completedAt: at('15:02') },
    ]);
    assert.equal(batch.lastActivityAt, at('15:02'));
  });

  it('follows the latest run: FAILED, then CONSOLIDATED after a successful retry', () => {
    const failed = [started(['ann']), run('r1', 'started', '15:10'), run('r1', 'failed', '15:11')];
    assert.equal(derive(failed).status, BatchStatus.FAILED);
    assert.equal(derive(failed).runs[0]?.error, 'MERGE failed');
    const retried = [...failed, run('r2', 'started', '15:20'), run('r2', 'succeeded', '15:21')];
    const batch = derive(retried);
    assert.equal(batch.status, BatchStatus.CONSOLIDATED);
    assert.deepEqual(
      batch.runs.map((r) => [r.runId, r.outcome]),
      [
        ['r1', 'FAILED'],
        ['r2', 'SUCCEEDED'],
      ],
    );
  });
});

describe('completionPct and isComplete', () => {
  it('reports the share of expected players done, rounded to two decimals', () => {
    const base = [started(['ann', 'bob', 'cat'])];
    assert.equal(completionPct(derive(base)), 0);
    assert.equal(completionPct(derive([...base, completed('ann', 1, '15:01')])), 33.33);
    const two = [...base, completed('ann', 1, '15:01'), completed('bob', 1, '15:02')];
    assert.equal(completionPct(derive(two)), 66.67);
    assert.equal(isComplete(derive(two)), false);
    const all = [...two, completed('cat', 1, '15:03')];
    assert.equal(completionPct(derive(all)), 100);
    assert.equal(isComplete(derive(all)), true);
  });
});

describe('isStalled', () => {
  const open = derive([started(['ann']), completed('ann', 1, '15:00')]);

  it('is false until the threshold has passed since the last activity, then true', () => {
    assert.equal(isStalled(open, 10, new Date(at('15:09'))), false);
    assert.equal(isStalled(open, 10, new Date('2026-01-30T15:09:59.999Z')), false);
    assert.equal(isStalled(open, 10, new Date(at('15:10'))), true);
    assert.equal(isStalled(open, 30, new Date(at('15:10'))), false, 'the threshold is a parameter');
  });

  it('never calls a batch that is not OPEN stalled', () => {
    const consolidated = derive([
      started(['ann']),
      run('r1', 'started', '15:01'),
      run('r1', 'succeeded', '15:02'),
    ]);
    assert.equal(consolidated.status, BatchStatus.CONSOLIDATED);
    assert.equal(isStalled(consolidated, 10, new Date(at('18:00'))), false);
  });
});
