import { configSchema, type AppConfigValues } from './config.schema';

/** Variables whose values are never repeated in a message: they are credentials. */
const SECRETS: ReadonlySet<string> = new Set(['API_KEYS']);

/** What a message says was received: a credential is never repeated. */
function shown(variable: string, value: string | undefined): string {
  if (value === undefined) return 'unset';
  return SECRETS.has(variable) ? 'a value not shown' : JSON.stringify(value);
}

/** Who is logging, for Error Reporting: the Cloud Run service and revision when there. */
export interface ServiceContext {
  readonly service: string;
  readonly version?: string;
}

export const SERVICE_NAME = 'prediction-coordinator';

/**
 * The service context from the environment as Cloud Run sets it, unvalidated: a failed
 * start (an invalid configuration) still says which service and revision failed.
 */
export function serviceContextOf(env: NodeJS.ProcessEnv = process.env): ServiceContext {
  const service = env.K_SERVICE || SERVICE_NAME;
  return env.K_REVISION ? { service, version: env.K_REVISION } : { service };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The validated configuration, the only reader of process.env. Injected by class. */
export class AppConfig {
  private constructor(readonly values: AppConfigValues) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
    const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
    if (input.WAREHOUSE === undefined) input.WAREHOUSE = 'duckdb';
    const parsed = configSchema.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => {
        const variable = issue.path.join('.') || 'configuration';
        return `${variable} ${issue.message} (got ${shown(variable, input[variable])})`;
      });
      throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
    }
    return new AppConfig(parsed.data);
  }

  static with(overrides: Record<string, string>): AppConfig {
    return AppConfig.fromEnv({ ...overrides });
  }

  get isProduction(): boolean {
    return this.values.NODE_ENV === 'production';
  }

  get authEnabled(): boolean {
    return this.values.API_KEYS.length > 0 || this.values.AUTH_AUDIENCE !== undefined;
  }

  get serviceContext(): ServiceContext {
    return serviceContextOf({
      K_SERVICE: this.values.K_SERVICE,
      K_REVISION: this.values.K_REVISION,
    });
  }

  get introspectionEnabled(): boolean {
    return this.values.INTROSPECTION ?? !this.isProduction;
  }
}
