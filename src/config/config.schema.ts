import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);
const cron = z
  .string()
  .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression with 5 or 6 fields, e.g. */5 * * * *');

const base = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  API_KEYS: csv.default([]),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_ALLOWED_EMAILS: csv.default([]),
  AUTH_QUERIES: bool.default(true),
  CONSOLIDATION_CRON: cron.default('*/5 * * * *'),
  CONSOLIDATION_CRON_ENABLED: bool.default(true),
  STALL_THRESHOLD_MINUTES: z.coerce.number().int().min(1).max(10_080).default(10),
  MIN_COMPLETION_PCT: z.coerce.number().min(0).max(100).default(90),
  MAX_BATCH_AGE_HOURS: z.coerce.number().int().min(1).max(720).default(6),
  MAX_CONSOLIDATION_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOCK_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  ORPHAN_AGE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  SCHEMA_DRIFT_POLICY: z.enum(['fail', 'ignore', 'append_new_columns']).default('fail'),
  DEACTIVATE_SUPERSEDED: bool.default(true),
  BUSINESS_KEY: csv.default([
    'game_date',
    'game_id',
    'player_lookup',
    'system_id',
    'current_points_line',
  ]),
  MAX_PLAYERS_PER_BATCH: z.coerce.number().int().min(1).max(100_000).default(10_000),
  MAX_PREDICTIONS_PER_STAGE: z.coerce.number().int().min(1).max(100_000).default(1_000),
});

const duckdb = z.object({
  WAREHOUSE: z.literal('duckdb'),
  DUCKDB_PATH: z.string().min(1).default('./data/coordinator.duckdb'),
  DUCKDB_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(4),
});

const bigquery = z.object({
  WAREHOUSE: z.literal('bigquery'),
  BIGQUERY_PROJECT: z.string().min(1, 'is required when WAREHOUSE=bigquery'),
  BIGQUERY_DATASET: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,1024}$/, 'must contain only letters, digits and underscores')
    .default('nba_predictions'),
  BIGQUERY_LOCATION: z.string().min(1).default('US'),
  BIGQUERY_API_ENDPOINT: z.string().url().optional(),
  BIGQUERY_MAX_BYTES_BILLED: z.coerce
    .number()
    .int()
    .min(1)
    .default(50 * 1024 ** 3),
});

export const configSchema = z.discriminatedUnion('WAREHOUSE', [duckdb, bigquery]).and(base);

export type AppConfigValues = z.infer<typeof configSchema>;
export type DuckDbSettings = z.infer<typeof duckdb>;
export type BigQuerySettings = z.infer<typeof bigquery>;
