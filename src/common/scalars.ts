import {
  GraphQLError,
  GraphQLScalarType,
  Kind,
  valueFromASTUntyped,
  type ValueNode,
} from 'graphql';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is YYYY-MM-DD naming a day that exists, from year 0100 (Date.UTC maps 0-99 to 1900-1999). */
function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  const date = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : undefined;
  return date !== undefined && date.toISOString().slice(0, 10) === text;
}

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export function parseCalendarDate(value: unknown): string {
  if (typeof value !== 'string') throw badScalar(`Date must be a string YYYY-MM-DD`);
  if (!isCalendarDate(value)) {
    throw badScalar(
      `Date must be an existing calendar date YYYY-MM-DD, got ${JSON.stringify(value).slice(0, 40)}`,
    );
  }
  return value;
}

const INSTANT_PATTERN =
  /^(?<date>\d{4}-\d{2}-\d{2})T(?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](?<offsetHour>\d{2}):(?<offsetMinute>\d{2}))$/i;

/** Whether `text` names an instant that exists: a real date, no 24:00, no second 60, an offset within a day. */
function isInstant(text: string): boolean {
  const parts = INSTANT_PATTERN.exec(text)?.groups;
  const upTo = (value: string | undefined, max: number) => value === undefined || +value <= max;
  return (
    parts !== undefined &&
    isCalendarDate(parts.date ?? '') &&
    upTo(parts.hour, 23) &&
    upTo(parts.minute, 59) &&
    upTo(parts.second, 59) &&
    upTo(parts.offsetHour, 23) &&
    upTo(parts.offsetMinute, 59)
  );
}

/**
 * An ISO-8601 instant with a time zone, on a date that exists (not 2026-02-30, not year
 * 0000) at a time that exists (not 24:00); serialized in UTC.
 */
export function parseInstant(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  const date = new Date(text);
  if (!isInstant(text) || Number.isNaN(date.getTime())) {
    throw badScalar(
      `DateTime must be an existing ISO-8601 instant with a zone, got ${JSON.stringify(value)?.slice(0, 40)}`,
    );
  }
  return date.toISOString();
}

function badScalar(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function literal(parse: (v: unknown) => string) {
  return (ast: ValueNode) => parse(ast.kind === Kind.STRING ? ast.value : undefined);
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Calendar date, YYYY-MM-DD.',
  serialize: (v) => parseCalendarDate(v),
  parseValue: parseCalendarDate,
  parseLiteral: literal(parseCalendarDate),
});

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'ISO-8601 instant, serialized in UTC.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : parseInstant(v)),
  parseValue: parseInstant,
  parseLiteral: literal(parseInstant),
});

const ECMA_404 = 'http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf';

/**
 * Any JSON value, passed through as it is; a literal in a document is read as graphql-js
 * reads an untyped value (variables inside it included). The same scalar graphql-scalars
 * ships, in a few lines instead of its 84 modules loaded at every start.
 */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: `The \`JSON\` scalar type represents JSON values as specified by [ECMA-404](${ECMA_404}).`,
  specifiedByURL: ECMA_404,
  serialize: (value) => value,
  parseValue: (value) => value,
  // graphql-js builds objects without a prototype; a clone makes them ordinary objects.
  parseLiteral: (ast, variables) => structuredClone(valueFromASTUntyped(ast, variables)),
});
