import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Row } from '../../sql/statement';
import { WarehouseError } from '../../warehouse-client';
import { GroupCommit } from './group-commit';

/** A writer that records each statement's writes and refuses any write holding `bad: true`. */
function aWriter(failure: 'invalid' | 'unavailable' = 'invalid') {
  const statements: string[][] = [];
  const write = async (writes: readonly (readonly Row[])[]) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    statements.push(writes.map((rows) => rows.map((r) => String(r.id)).join('+')));
    if (writes.some((rows) => rows.some((r) => r.bad === true)))
      throw new WarehouseError('refused', failure, 'insert_test');
    return writes.map((rows) => rows.length);
  };
  return { statements, write };
}

describe('GroupCommit', () => {
  it('writes the callers that arrive during a write together in the next statement, within its row bound', async () => {
    const writer = aWriter();
    const group = new GroupCommit(writer.write, 3);
    const results = await Promise.all(
      [['a'], ['b'], ['c', 'd'], ['e'], ['f']].map((ids) =>
        group.submit(ids.map((id) => ({ id }))),
      ),
    );
    assert.deepEqual(results, [1, 1, 2, 1, 1]);
    assert.deepEqual(writer.statements, [['a'], ['b', 'c+d'], ['e', 'f']]);
  });

  it('fails only the caller whose rows the engine refused; the others are written', async () => {
    const writer = aWriter();
    const group = new GroupCommit(writer.write);
    const results = await Promise.allSettled([
      group.submit([{ id: 'a' }]),
      group.submit([{ id: 'b' }]),
      group.submit([{ id: 'c' }, { id: 'x', bad: true }]),
      group.submit([{ id: 'd' }]),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(writer.statements, [['a'], ['b', 'c+x', 'd'], ['b'], ['c+x'], ['d']]);
  });

  it('fails every caller of a group whose failure is not a refusal: what it wrote is unknown', async () => {
    const writer = aWriter('unavailable');
    const group = new GroupCommit(writer.write);
    const first = group.submit([{ id: 'a' }]);
    const results = await Promise.allSettled([
      group.submit([{ id: 'b' }]),
      group.submit([{ id: 'x', bad: true }]),
    ]);
    assert.equal(await first, 1);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.deepEqual(writer.statements, [['a'], ['b', 'x']]);
  });
});
