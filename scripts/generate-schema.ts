import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createApp } from '../src/app-factory';
import { AppConfig } from '../src/config/app-config';

/** The committed schema, at the repository root (this file runs from dist/scripts). */
export const SCHEMA_FILE = resolve(__dirname, '..', '..', 'schema.gql');

export const REGENERATE = 'npm run build && npm run schema';

export const HEADER = `# Generated from the code by \`${REGENERATE}\`; do not edit by hand.\n\n`;

/** The schema the code defines, sorted so that the committed file diffs cleanly. */
export async function generateSchema(): Promise<string> {
  const config = AppConfig.with({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DUCKDB_PATH: ':memory:',
    CONSOLIDATION_CRON_ENABLED: 'false',
  });
  const app = await createApp({ config });
  try {
    await app.init();
    const { schema } = app.get(GraphQLSchemaHost);
    return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  generateSchema()
    .then((sdl) => {
      writeFileSync(SCHEMA_FILE, sdl);
      process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`schema generation failed: ${String(error)}\n`);
      process.exit(1);
    });
}
