import { CronTime } from 'cron';
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
/** A number from the environment; the message says what is allowed, whatever was wrong. */
function numberIn(min: number, max: number, whole = true) {
  const allowed = `must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}`;
  const parsed = z.coerce.number({ error: allowed }).min(min, allowed).max(max, allowed);
  return whole ? parsed.int(allowed) : parsed;
}
/** Why the cron library would refuse the expression (or never fire it), or undefined. */
function cronProblem(expression: string): string | undefined {
  try {
    // sendAt also finds expressions that never fire (0 0 31 2 *), which a syntax check passes.
    new CronTime(expression, 'UTC').sendAt();
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]?.trim() : String(error);
    return reason?.startsWith('Something went wrong') ? 'it never fires' : reason;
  }
}
const cron = z.string().superRefine((expression, ctx) => {
  const problem = cronProblem(expression);
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a cron expression the scheduler accepts, e.g. */5 * * * * (${problem})`,
    });
  }
});
/**
 * The MERGE key: column names, each once, with system_id and player_lookup (the
 * deactivation groups are the key less the line: without them, restaging one system or
 * player would deactivate the others' rows). That the columns exist in the target is
 * checked against its definition at start (consolidation/business-key.ts).
 */
const businessKey = csv.superRefine((columns, ctx) => {
  const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
  const malformed = columns.filter((c) => !/^[a-z_][a-z0-9_]{0,127}$/.test(c));
  if (malformed.length > 0)
    problem(`must list column names (lower case, digits, underscores): ${malformed.join(', ')}`);
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length > 0) problem(`names a column twice: ${[...new Set(repeated)].join(', ')}`);
  const lacking = ['system_id', 'player_lookup'].filter((c) => !columns.includes(c));
  if (lacking.length > 0) {
    problem(
      `must contain ${lacking.join(' and ')}: superseded rows are deactivated per business key less the line, so without ${lacking.length > 1 ? 'them' : 'it'} one restage deactivates other systems' or players' rows (incident 22)`,
    );
  }
});

const base = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: numberIn(0, 65535).default(8080),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  API_KEYS: csv.default([]),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_ALLOWED_EMAILS: csv.default([]),
  AUTH_QUERIES: bool.default(true),
  /** Unset: on outside production, off in production. */
  INTROSPECTION: bool.optional(),
  GRAPHQL_MAX_DEPTH: numberIn(2, 50).default(8),
  GRAPHQL_MAX_ALIASES: numberIn(0, 1000).default(15),
  GRAPHQL_MAX_COST: numberIn(100, 10_000_000).default(100_000),
  GRAPHQL_MAX_TOKENS: numberIn(100, 1_000_000).default(2000),
  CONSOLIDATION_CRON: cron.default('*/5 * * * *'),
  CONSOLIDATION_CRON_ENABLED: bool.default(true),
  STALL_THRESHOLD_MINUTES: numberIn(1, 10_080).default(10),
  MIN_COMPLETION_PCT: numberIn(0, 100, false).default(90),
  MAX_BATCH_AGE_HOURS: numberIn(1, 720).default(6),
  MAX_CONSOLIDATION_ATTEMPTS: numberIn(1, 100).default(5),
  LOCK_LEASE_SECONDS: numberIn(5, 3600).default(120),
  ORPHAN_AGE_MINUTES: numberIn(1, 10_080).default(60),
  /** DuckDB keeps the snapshots restorePredictions reads this long (BigQuery time travel: 7 days). */
  SNAPSHOT_RETENTION_DAYS: numberIn(1, 3_650).default(30),
  SCHEMA_DRIFT_POLICY: z.enum(['fail', 'ignore', 'append_new_columns']).default('fail'),
  DEACTIVATE_SUPERSEDED: bool.default(true),
  BUSINESS_KEY: businessKey.default([
    'game_date',
    'game_id',
    'player_lookup',
    'system_id',
    'current_points_line',
  ]),
  MAX_PLAYERS_PER_BATCH: numberIn(1, 100_000).default(10_000),
  MAX_PREDICTIONS_PER_STAGE: numberIn(1, 100_000).default(1_000),
  MAX_REQUEST_BODY_KB: numberIn(16, 102_400).default(5_120),
  /** How recent a successful warehouse call lets /readyz answer without asking the engine. */
  READINESS_MAX_AGE_SECONDS: numberIn(0, 3_600).default(30),
  /**
   * The project of the logs' trace field (projects/P/traces/T). Unset on Cloud Run: asked of
   * the metadata server. Not BIGQUERY_PROJECT: the dataset may live in another project.
   */
  GOOGLE_CLOUD_PROJECT: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.:-]{1,62}$/, 'must be a project id (lower case, digits, -)')
    .optional(),
  /** The metadata server (host[:port]), as Google's libraries read it; tests point it elsewhere. */
  GCE_METADATA_HOST: z.string().min(1).default('metadata.google.internal'),
  /** Set by Cloud Run: the service and revision, for Error Reporting's serviceContext. */
  K_SERVICE: z.string().min(1).optional(),
  K_REVISION: z.string().min(1).optional(),
});

const duckdb = z.object({
  WAREHOUSE: z.literal('duckdb'),
  DUCKDB_PATH: z.string().min(1).default('./data/coordinator.duckdb'),
  DUCKDB_CONNECTIONS: numberIn(1, 64).default(4),
  /**
   * DuckDB's buffer pool limit (unset: DuckDB's default, 80% of RAM). Each small staging
   * table holds about 1 MB until a checkpoint, so a 1,000-player day needs well over 1 GB.
   */
  DUCKDB_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s?(KB|MB|GB|KiB|MiB|GiB)$/i, 'must be a size such as 512MB or 2GB')
    .optional(),
});

const bigquery = z.object({
  WAREHOUSE: z.literal('bigquery'),
  BIGQUERY_PROJECT: z
    .string({ error: 'is required when WAREHOUSE=bigquery' })
    .min(1, 'is required when WAREHOUSE=bigquery'),
  BIGQUERY_DATASET: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,1024}$/, 'must contain only letters, digits and underscores')
    .default('nba_predictions'),
  BIGQUERY_LOCATION: z.string().min(1).default('US'),
  BIGQUERY_API_ENDPOINT: z.string().url().optional(),
  BIGQUERY_MAX_BYTES_BILLED: numberIn(1, Number.MAX_SAFE_INTEGER).default(50 * 1024 ** 3),
});

/** Shortest API key production accepts: 32 characters, e.g. `openssl rand -hex 16` (hex 32 for 64). */
export const MIN_API_KEY_LENGTH = 32;

export const configSchema = z
  .discriminatedUnion('WAREHOUSE', [duckdb, bigquery], {
    error: 'must be duckdb or bigquery',
  })
  .and(base)
  .superRefine((config, ctx) => {
    // Production never runs open: a missing credential stops the start, not the first request.
    if (config.NODE_ENV === 'production' && config.API_KEYS.length === 0 && !config.AUTH_AUDIENCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_KEYS'],
        message:
          'or AUTH_AUDIENCE must be set when NODE_ENV=production (refusing to start without a credential)',
      });
    }
    // A short key can be guessed; production takes none (elsewhere a warning says so).
    const short = config.API_KEYS.filter((key) => key.length < MIN_API_KEY_LENGTH).length;
    if (config.NODE_ENV === 'production' && short > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_KEYS'],
        message: `must each have at least ${MIN_API_KEY_LENGTH} characters when NODE_ENV=production (${short} of ${config.API_KEYS.length} shorter)`,
      });
    }
  });

export type AppConfigValues = z.infer<typeof configSchema>;
export type DuckDbSettings = z.infer<typeof duckdb>;
export type BigQuerySettings = z.infer<typeof bigquery>;
