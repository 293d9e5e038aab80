import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { operationCost } from './graphql-cost';

const schema = buildSchema(`
  type Query { batches(first: Int = 20): [Batch!]! batch(id: ID!): Batch }
  type Batch { id: ID! status: String! completions: [Completion!]! }
  type Completion { player: String! count: Int! }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  assert.ok(operation);
  return operationCost(schema, document, operation, variables);
}

describe('operationCost', () => {
  it('counts one per field', () => {
    assert.equal(cost('{ batch(id: "b") { id status } }'), 3);
  });

  it('counts what a paged field selects once per item, the page size literal, variable or default', () => {
    assert.equal(cost('{ batches(first: 100) { id status } }'), 1 + 100 * 2);
    assert.equal(
      cost('query($n: Int) { batches(first: $n) { id status } }', { n: 100 }),
      1 + 100 * 2,
    );
    assert.equal(cost('{ batches { id status } }'), 1 + 20 * 2);
  });

  it('multiplies nested selections and expands fragments, aliases included', () => {
    const nested = '{ batches(first: 10) { id completions { player count } } }';
    assert.equal(cost(nested), 1 + 10 * (1 + 1 + 2));
    const viaFragment =
      'query { a: batches(first: 10) { ...B } b: batches(first: 10) { ...B } } fragment B on Batch { id completions { player count } }';
    assert.equal(cost(viaFragment), 2 * (1 + 10 * 4));
  });

  it('leaves introspection to the token limit', () => {
    assert.equal(cost('{ __schema { types { name } } __typename }'), 0);
  });
});
