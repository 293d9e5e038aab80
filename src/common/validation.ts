import { DomainError, type FieldProblem } from './domain-error';
import { PLAYER_LOOKUP_PATTERN, BATCH_ID_PATTERN } from '../warehouse/sql/identifiers';

export function playerProblem(field: string, value: string): FieldProblem | undefined {
  if (PLAYER_LOOKUP_PATTERN.test(value)) return undefined;
  return {
    field,
    problem: `player key ${JSON.stringify(value.slice(0, 80))} must be 1-64 characters of a-z, 0-9, _ or -`,
  };
}

export function assertPlayerLookup(field: string, value: string): void {
  const problem = playerProblem(field, value);
  if (problem) throw DomainError.badInput(problem.problem, [problem]);
}

export function assertBatchId(value: string): void {
  if (!BATCH_ID_PATTERN.test(value)) {
    throw DomainError.badInput(
      `batch id ${JSON.stringify(value.slice(0, 80))} is not a batch id (expected e.g. b20260130_1)`,
      [{ field: 'batchId', problem: 'malformed batch id' }],
    );
  }
}

export function assertCount(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw DomainError.badInput(`${field} must be a whole number from 0 to ${max}, got ${value}`, [
      { field, problem: `out of range 0-${max}` },
    ]);
  }
}
