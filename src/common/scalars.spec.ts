import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLError, parseValue } from 'graphql';
import { JsonScalar, parseCalendarDate, parseInstant } from './scalars';

function refused(parse: (value: unknown) => string, value: unknown): boolean {
  try {
    parse(value);
    return false;
  } catch (error) {
    assert.ok(error instanceof GraphQLError);
    assert.equal(error.extensions.code, 'BAD_USER_INPUT');
    return true;
  }
}

describe('DateTime', () => {
  it('reads an instant with a zone and answers it in UTC', () => {
    assert.equal(parseInstant('2026-01-30T18:00:00+02:00'), '2026-01-30T16:00:00.000Z');
    assert.equal(parseInstant('2026-01-30T18:00Z'), '2026-01-30T18:00:00.000Z');
    assert.equal(parseInstant('2028-02-29T23:59:59.999Z'), '2028-02-29T23:59:59.999Z');
  });

  it('refuses instants that do not exist instead of rolling them over', () => {
    for (const value of [
      '2026-02-30T00:00Z',
      '2026-02-29T00:00Z',
      '2026-04-31T12:00Z',
      '2026-13-01T00:00Z',
      '2026-01-30T24:00Z',
      '2026-01-30T23:60Z',
      '2026-01-30T23:59:60Z',
      '2026-01-30T12:00+24:00',
      '2026-01-30T12:00+01:60',
      '0000-01-30T00:00Z',
    ]) {
      assert.ok(refused(parseInstant, value), value);
    }
  });

  it('refuses what is not an instant with a zone', () => {
    for (const value of [
      '2026-01-30',
      '2026-01-30T12:00',
      '2026-01-30 12:00Z',
      1_769_795_200,
      null,
    ]) {
      assert.ok(refused(parseInstant, value), String(value));
    }
  });
});

describe('Date', () => {
  it('refuses a day that does not exist, as DateTime does', () => {
    assert.equal(parseCalendarDate('2028-02-29'), '2028-02-29');
    for (const value of ['2026-02-30', '0000-01-30', '2026-1-30']) {
      assert.ok(refused(parseCalendarDate, value), value);
    }
  });
});

describe('JSON', () => {
  it('passes values through both ways', () => {
    const value = { factors: ['pace', 3.5], note: null, nested: { ok: true } };
    assert.deepEqual(JsonScalar.parseValue(value), value);
    assert.deepEqual(JsonScalar.serialize(value), value);
  });

  it('reads a literal as written, variables inside it included', () => {
    const literal = parseValue('{ a: 1, b: 2.5, c: "x", d: [true, null], e: $v }');
    assert.deepEqual(JsonScalar.parseLiteral(literal, { v: { deep: [1] } }), {
      a: 1,
      b: 2.5,
      c: 'x',
      d: [true, null],
      e: { deep: [1] },
    });
  });
});
