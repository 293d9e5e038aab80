import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import {
  expectedSnapshots,
  SNAPSHOT_COMMAND,
  SNAPSHOT_DIR,
} from '../../scripts/bigquery-sql-catalog';

describe('BigQuery SQL snapshots (docs/sql/bigquery)', () => {
  it('match the SQL the dialect generates now', async () => {
    Logger.overrideLogger(false);
    const expected = await expectedSnapshots();
    const onDisk = existsSync(SNAPSHOT_DIR)
      ? readdirSync(SNAPSHOT_DIR).filter((f) => f.endsWith('.sql'))
      : [];
    const stale = [...expected].filter(([file, text]) => {
      const path = join(SNAPSHOT_DIR, file);
      return !existsSync(path) || readFileSync(path, 'utf8') !== text;
    });
    const extra = onDisk.filter((file) => !expected.has(file));
    const problems = [
      ...stale.map(([file]) => `${file} is stale or missing`),
      ...extra.map((f) => `${f} is no longer generated`),
    ];
    assert.deepEqual(
      problems,
      [],
      `BigQuery SQL snapshots are out of date; regenerate them with \`${SNAPSHOT_COMMAND}\` and commit docs/sql/bigquery`,
    );
  });
});
