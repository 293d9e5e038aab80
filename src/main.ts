import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig, ConfigError } from './config/app-config';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // No logger exists before the configuration does; say why the start failed, then stop.
    process.stderr.write(`${JSON.stringify({ severity: 'CRITICAL', message: error.message })}\n`);
    process.exit(1);
  }
  const app = await NestFactory.create(AppModule.forRoot({ config }), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // SIGTERM (Cloud Run) or Ctrl-C: the listener closes, consolidations in flight finish or
  // are abandoned to their lease, the warehouse closes, then exit 0, which flushes the logs.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(config.values.PORT, '0.0.0.0');
  if (!config.authEnabled) {
    logger.warn(
      'authentication is OFF: no API_KEYS or AUTH_AUDIENCE configured (allowed outside production only)',
    );
  }
  logger.log(
    { port: config.values.PORT, warehouse: config.values.WAREHOUSE, graphql: '/graphql' },
    'prediction-coordinator ready',
  );
}

void bootstrap();
