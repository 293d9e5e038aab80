import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './support/paths';
import { startTestApp, type TestApp } from './support/test-app';

const run = promisify(execFile);
const README_URL = 'http://localhost:8080/graphql';

interface Example {
  /** The operation's name: the bold word before the block. */
  readonly name: string;
  readonly script: string;
}

/** The README's "GraphQL examples": each sh block with the bold name above it. */
function readmeExamples(): { helper: string; examples: Example[] } {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## GraphQL examples'),
    readme.indexOf('\n## ', readme.indexOf('## GraphQL examples') + 1),
  );
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)];
  const [first, ...rest] = blocks;
  assert.ok(first, 'the README has the gql helper');
  const examples = rest.map((block) => {
    const before = section.slice(0, block.index);
    const names = [...before.matchAll(/\*\*(\w+)\*\*/g)];
    return { name: names.at(-1)?.[1] ?? '?', script: block[1] ?? '' };
  });
  return { helper: first[1] ?? '', examples };
}

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

/**
 * The README's GraphQL examples, pasted into bash top to bottom against the real server
 * (curl, as a reader runs them): each answers without errors, and the day they build reads
 * as the README says.
 */
describe('README: the GraphQL examples run top to bottom', () => {
  let t: TestApp;
  const answers = new Map<string, Answer[]>();
  before(async () => {
    t = await startTestApp();
    const { helper, examples } = readmeExamples();
    assert.ok(helper.includes(README_URL), 'the helper posts to the local service');
    for (const example of examples) {
      const script = `${helper.replaceAll(README_URL, t.url)}\n${example.script}`;
      // Asynchronous: the server answering curl runs in this process.
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], {
        timeout: 60_000,
      });
      const lines = stdout.split('\n').filter((line) => line.trim() !== '');
      answers.set(example.name, [
        ...(answers.get(example.name) ?? []),
        ...lines.map((line) => JSON.parse(line) as Answer),
      ]);
    }
  });
  after(async () => t.close());

  const only = (name: string): Record<string, unknown> => {
    const list = answers.get(name) ?? [];
    assert.equal(list.length, 1, `${name}: one answer`);
    const data = list[0]?.data;
    assert.ok(data, `${name} answered data`);
    return data;
  };

  it('every example answers data and no error', () => {
    assert.ok(answers.size >= 17, `examples run: ${[...answers.keys()].join(', ')}`);
    for (const [name, list] of answers) {
      assert.ok(list.length > 0, `${name} printed an answer`);
      for (const answer of list) {
        assert.equal(answer.errors, undefined, `${name}: ${JSON.stringify(answer.errors)}`);
        assert.ok(answer.data, `${name} answered data`);
      }
    }
  });

  it('the day they build reads as the README says', () => {
    assert.deepEqual(only('startBatch'), {
      startBatch: {
        created: true,
        batch: { id: 'b20260130_1', status: 'OPEN', expectedPlayers: 2 },
      },
    });
    const run = only('consolidateBatch').consolidateBatch as Record<string, unknown>;
    assert.equal(run.status, 'SUCCEEDED');
    assert.equal(run.rowsInserted, 1);
    assert.deepEqual(only('cancelBatch'), {
      cancelBatch: { id: 'b20260130_1', status: 'CANCELLED' },
    });
    // Read after the batch was cancelled: the consolidated row still counts.
    const glance = only('coverage');
    assert.deepEqual(glance.coverage, {
      expectedPlayers: 2,
      playersWithPredictions: 1,
      missingPlayers: ['lebronjames'],
    });
    assert.equal((glance.predictionSummary as { predictions: number }).predictions, 1);
    const restore = only('restorePredictions').restorePredictions as Record<string, unknown>;
    assert.equal(restore.rowsUnchanged, 1);
    assert.equal((restore.run as { status: string }).status, 'SUCCEEDED');
    const repair = only('repairDuplicates').repairDuplicates as Record<string, unknown>;
    assert.equal(repair.duplicateKeys, 0);
  });
});
