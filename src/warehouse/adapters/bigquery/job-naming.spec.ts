import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Statement } from '../../sql/statement';
import { jobIdFor, jobLabels, labelValue, rerunJobId } from './job-naming';

const merge: Statement = {
  sql: 'MERGE ...',
  params: { p0: { value: '2026-01-30T23:00:00.000Z', type: 'TIMESTAMP' } },
  job: { operation: 'merge', batchId: 'b20260130_1', gameDate: '2026-01-30', attempt: 'run1' },
};

describe('BigQuery job naming', () => {
  it('names a retried call (same operation, batch, attempt, SQL, parameters) the same job', () => {
    assert.equal(jobIdFor(merge), jobIdFor({ ...merge }));
    assert.match(jobIdFor(merge), /^coord_merge_b20260130_1_arun1_[0-9a-f]{16}$/);
  });

  it('names different work differently', () => {
    const other = {
      ...merge,
      params: { p0: { value: '2026-01-30T23:05:00.000Z', type: 'TIMESTAMP' as const } },
    };
    assert.notEqual(jobIdFor(merge), jobIdFor(other));
    assert.notEqual(
      jobIdFor(merge),
      jobIdFor({ ...merge, job: { ...merge.job, operation: 'merge', attempt: 'run2' } }),
    );
  });

  it('gives one-off statements (no attempt) a fresh id per call', () => {
    const read: Statement = {
      sql: 'SELECT 1',
      params: {},
      job: { operation: 'batch_events', batchId: 'b20260130_1' },
    };
    assert.notEqual(jobIdFor(read), jobIdFor(read));
    assert.match(jobIdFor(read), /^coord_batch_events_b20260130_1_once_[0-9a-f]{16}_[0-9a-f]{8}$/);
  });

  it('keeps ids and labels to the characters BigQuery allows', () => {
    const odd: Statement = {
      sql: 'SELECT 1',
      params: {},
      job: { operation: 'Weird op: ü/é', attempt: 'a b' },
    };
    assert.match(jobIdFor(odd), /^[A-Za-z0-9_-]+$/);
    assert.equal(labelValue('Combine_0 Run:X'), 'combine_0_run_x');
    assert.equal(labelValue('x'.repeat(100)).length, 63);
    assert.equal(rerunJobId('coord_x', 0), 'coord_x');
    assert.equal(rerunJobId('coord_x', 2), 'coord_x_r2');
  });

  it('labels jobs with the service, operation, batch and game date', () => {
    assert.deepEqual(jobLabels(merge.job), {
      service: 'prediction-coordinator',
      operation: 'merge',
      batch_id: 'b20260130_1',
      game_date: '2026-01-30',
      attempt: 'run1',
    });
  });
});
