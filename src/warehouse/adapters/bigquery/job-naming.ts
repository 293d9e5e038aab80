import { createHash, randomUUID } from 'node:crypto';
import type { JobKey, Statement } from '../../sql/statement';

const MAX_PART = 48;

/** Letters, digits, underscores and dashes only, as job ids require. */
function part(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, MAX_PART);
}

/** The statement's fingerprint: the same SQL with the same parameters is the same work. */
export function statementHash(statement: Pick<Statement, 'sql' | 'params'>): string {
  const params = Object.keys(statement.params)
    .sort()
    .map((name) => [name, statement.params[name]]);
  return createHash('sha256')
    .update(statement.sql)
    .update('\u0000')
    .update(JSON.stringify(params))
    .digest('hex')
    .slice(0, 16);
}

/**
 * `coord_<operation>_<batch>_<attempt>_<hash>`: a retried call (same operation, batch,
 * attempt, SQL and parameters) names the job it may already have started, so BigQuery
 * answers 409 and the work is not done twice. Without an attempt the call is one-off work
 * (a read, a DDL) and a random suffix keeps a later identical call from reusing old
 * results; the id is still fixed for the retries of that one call.
 */
export function jobIdFor(statement: Pick<Statement, 'sql' | 'params' | 'job'>): string {
  const job: JobKey = statement.job ?? { operation: 'statement' };
  const parts = ['coord', part(job.operation)];
  if (job.batchId) parts.push(part(job.batchId));
  else if (job.gameDate) parts.push(part(job.gameDate));
  parts.push(job.attempt !== undefined ? `a${part(job.attempt)}` : 'once');
  parts.push(statementHash(statement));
  if (job.attempt === undefined) parts.push(randomUUID().slice(0, 8));
  return parts.join('_');
}

/** The job id of the n-th re-run after the job itself failed with a retryable error. */
export function rerunJobId(baseId: string, rerun: number): string {
  return rerun === 0 ? baseId : `${baseId}_r${rerun}`;
}

/** Label values: lowercase letters, digits, `_` and `-`, at most 63 characters. */
export function labelValue(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .slice(0, 63);
}

/** Job labels, to find a batch's jobs and their cost in INFORMATION_SCHEMA.JOBS and billing. */
export function jobLabels(job: JobKey | undefined): Record<string, string> {
  const labels: Record<string, string> = { service: 'prediction-coordinator' };
  labels.operation = labelValue(job?.operation ?? 'statement');
  if (job?.batchId) labels.batch_id = labelValue(job.batchId);
  if (job?.gameDate) labels.game_date = labelValue(job.gameDate);
  if (job?.attempt) labels.attempt = labelValue(job.attempt);
  return labels;
}
