/**
 * Writes the BigQuery SQL of every statement kind to docs/sql/bigquery/*.sql, so query
 * changes show up in review diffs. Run with `npm run sql:snapshots`; the test suite fails
 * when these files are stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { expectedSnapshots, SNAPSHOT_DIR } from './bigquery-sql-catalog';

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const files = await expectedSnapshots();
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  for (const existing of readdirSync(SNAPSHOT_DIR).filter((f) => f.endsWith('.sql'))) {
    if (!files.has(existing)) rmSync(join(SNAPSHOT_DIR, existing));
  }
  for (const [file, text] of files) writeFileSync(join(SNAPSHOT_DIR, file), text);
  process.stdout.write(
    `wrote ${files.size} files to ${SNAPSHOT_DIR}: ${[...files.keys()].join(', ')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
