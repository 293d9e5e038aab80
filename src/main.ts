import './compile-cache';
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './app-factory';
import { AppConfig, ConfigError } from './config/app-config';

/** Before a logger exists (or when it could not be built), say why the start failed. */
function failStart(message: string): never {
  process.stderr.write(`${JSON.stringify({ severity: 'CRITICAL', message })}\n`);
  process.exit(1);
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    failStart(error.message);
  }
  const app = await createApp({ config });
  // A context-bound logger: nestjs-pino would take a bare call's string as the context.
  const logger = new Logger('Bootstrap');
  // SIGTERM (Cloud Run) or Ctrl-C: the listener closes, consolidations in flight finish or
  // are abandoned to their lease, the warehouse closes, then exit 0, which flushes the logs.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(config.values.PORT, '0.0.0.0');
  if (!config.authEnabled) {
    logger.warn(
      'authentication is OFF: no API_KEYS or AUTH_AUDIENCE configured (allowed outside production only)',
    );
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(
    { port, warehouse: config.values.WAREHOUSE, graphql: '/graphql' },
    'prediction-coordinator ready',
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) failStart(error.message);
  failStart(`start failed: ${error instanceof Error ? error.message : String(error)}`);
});
