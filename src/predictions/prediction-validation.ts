import { GraphQLError } from 'graphql';
import type { FieldProblem } from '../common/domain-error';
import { parseCalendarDate, parseInstant } from '../common/scalars';
import { inputProblem } from '../common/well-formed-input';
import type { Row } from '../warehouse/sql/statement';
import { isNumeric, type ColumnDefinition, type NumericType } from '../warehouse/table-definition';
import { camelCase, INPUT_COLUMNS, WORKER_COLUMNS } from './prediction-columns';

const MAX_STRING = 4096;
const MAX_JSON = 65_536;
const MAX_ARRAY = 256;
/** Deepest a JSON value may be nested (a literal in the document escapes the variables' bound). */
const MAX_JSON_DEPTH = 16;

export interface StagingContext {
  readonly gameDate: string;
  readonly playerLookup: string;
  readonly stagedAt: string;
}

/**
 * Checks every row against the target definition and returns staging rows (snake_case,
 * the 63 worker columns) or the problems found, each naming its field. It stops once
 * more than `maxProblems` are found (`truncated`): a refusal lists a bounded number.
 */
export function validatePredictions(
  inputs: readonly Record<string, unknown>[],
  context: StagingContext,
  maxProblems = Number.POSITIVE_INFINITY,
): { rows: Row[]; problems: FieldProblem[]; truncated: boolean } {
  const problems: FieldProblem[] = [];
  const rows: Row[] = [];
  for (const [index, input] of inputs.entries()) {
    if (problems.length > maxProblems) return { rows, problems, truncated: true };
    rows.push(validateRow(input, index, context, problems));
  }
  return { rows, problems, truncated: false };
}

/** One row's staging values; its problems are appended to `problems`. */
function validateRow(
  input: Record<string, unknown>,
  index: number,
  context: StagingContext,
  problems: FieldProblem[],
): Row {
  const row: Row = {};
  for (const field of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(field) && input[field] !== undefined) {
      problems.push({
        field: `predictions[${index}].${field}`,
        problem: 'is not a column of the target table',
      });
    }
  }
  for (const { column, field } of FIELDS) {
    const result = checkValue(column, input[field], context);
    if (isProblem(result))
      problems.push({ field: `predictions[${index}].${field}`, problem: result.problem });
    else row[column.name] = result;
  }
  if (row.game_date !== undefined && row.game_date !== context.gameDate) {
    problems.push({
      field: `predictions[${index}].gameDate`,
      problem: `must be the batch's game date ${context.gameDate}`,
    });
  }
  if (row.player_lookup !== undefined && row.player_lookup !== context.playerLookup) {
    problems.push({
      field: `predictions[${index}].playerLookup`,
      problem: `must be the staged player ${context.playerLookup}`,
    });
  }
  return row;
}

const KNOWN_FIELDS: ReadonlySet<string> = new Set(INPUT_COLUMNS.map((c) => camelCase(c.name)));
/** Each worker column with its input field. */
const FIELDS = WORKER_COLUMNS.map((column) => ({ column, field: camelCase(column.name) }));

type Problem = { problem: string };
/** A checked value, or the problem found with it. */
type Checked = unknown;

function isProblem(value: Checked): value is Problem {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'problem' in value;
}

function checkValue(column: ColumnDefinition, value: unknown, context: StagingContext): Checked {
  if (column.name === 'is_active') return true;
  if (column.name === 'superseded_by' || column.name === 'updated_at') return null;
  if (value === undefined || value === null) {
    if (column.name === 'created_at') return context.stagedAt;
    if (column.default?.kind === 'literal') return column.default.value;
    if (column.mode === 'REQUIRED') return { problem: 'is required' };
    return null;
  }
  if (column.mode === 'REPEATED') {
    if (!Array.isArray(value)) return { problem: 'must be a list' };
    if (value.length > MAX_ARRAY) return { problem: `must have at most ${MAX_ARRAY} items` };
    const items = value.map((v) => checkScalar(column, v));
    return items.find(isProblem) ?? items;
  }
  return checkScalar(column, value);
}

function checkScalar(column: ColumnDefinition, value: unknown): Checked {
  const type = column.type;
  if (isNumeric(type)) return checkNumeric(type, value);
  try {
    switch (type) {
      case 'STRING':
        if (typeof value !== 'string') return { problem: 'must be a string' };
        if (value.length > MAX_STRING)
          return { problem: `must be at most ${MAX_STRING} characters` };
        return value;
      case 'INT64':
        return Number.isSafeInteger(value) ? value : { problem: 'must be a whole number' };
      case 'FLOAT64':
        return typeof value === 'number' && Number.isFinite(value)
          ? value
          : { problem: 'must be a finite number' };
      case 'BOOL':
        return typeof value === 'boolean' ? value : { problem: 'must be true or false' };
      case 'DATE':
        return parseCalendarDate(value);
      case 'TIMESTAMP':
        return parseInstant(value);
      case 'JSON': {
        if (
          inputProblem(value, { maxDepth: MAX_JSON_DEPTH, maxItems: Infinity })?.kind === 'too-deep'
        )
          return { problem: `must be nested at most ${MAX_JSON_DEPTH} levels deep` };
        const text = JSON.stringify(value);
        return text.length > MAX_JSON
          ? { problem: `must serialize to at most ${MAX_JSON} characters` }
          : text;
      }
    }
  } catch (error) {
    // Our scalars explain themselves; any other message is not for the caller.
    return { problem: error instanceof GraphQLError ? error.message : 'is invalid' };
  }
}

/**
 * Within the column's precision and exact at its scale, or refused: the engines would round
 * a finer value to the scale, and two distinct lines (25.55, 25.6) would become one key.
 */
function checkNumeric(type: NumericType, value: unknown): Checked {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return { problem: 'must be a finite number' };
  const declared = `NUMERIC(${type.precision},${type.scale})`;
  const limit = 10 ** (type.precision - type.scale);
  if (Math.abs(value) >= limit) {
    return {
      problem: `${value} is outside ${declared} (precision ${type.precision}: absolute value below ${limit})`,
    };
  }
  // The value as sent is exact at the scale when writing it with `scale` decimals changes nothing.
  if (Number(value.toFixed(type.scale)) !== value) {
    return {
      problem: `${value} is finer than ${declared} (scale ${type.scale}: at most ${type.scale} decimal place${type.scale === 1 ? '' : 's'}); it is refused, not rounded`,
    };
  }
  return value;
}
