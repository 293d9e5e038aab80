import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export function parseCalendarDate(value: unknown): string {
  if (typeof value !== 'string') throw badScalar(`Date must be a string YYYY-MM-DD`);
  const match = DATE_PATTERN.exec(value);
  const date = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw badScalar(
      `Date must be an existing calendar date YYYY-MM-DD, got ${JSON.stringify(value).slice(0, 40)}`,
    );
  }
  return value;
}

/** An ISO-8601 instant with a time zone; serialized in UTC. */
export function parseInstant(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(text);
  const date = new Date(text);
  if (!ok || Number.isNaN(date.getTime())) {
    throw badScalar(
      `DateTime must be an ISO-8601 instant with a zone, got ${JSON.stringify(value)?.slice(0, 40)}`,
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

export const JsonScalar = GraphQLJSON;
