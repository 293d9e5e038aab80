// First: on a Node older than 22.12, one clear line and exit 1, before anything else loads.
import './node-version';
import './compile-cache';
import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from './app-factory';
import { HttpDrain } from './common/http-drain';
import { AppConfig, ConfigError, serviceContextOf } from './config/app-config';
import { loadDotEnv, type DotEnvLoad } from './config/dotenv';

/** How long requests in flight at SIGTERM get to be answered (Cloud Run kills 10 s after it). */
const DRAIN_WAIT_MS = 8_000;

/** Error Reporting takes a line of this type as an error even without a stack trace. */
const REPORTED_ERROR =
  'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';

/**
 * Before a logger exists (or when it could not be built), say why the start failed: one
 * CRITICAL line that Error Reporting also takes, with the service (and revision) that failed.
 */
function failStart(message: string, stack?: string): never {
  const line = {
    severity: 'CRITICAL',
    message,
    '@type': REPORTED_ERROR,
    serviceContext: serviceContextOf(),
    ...(stack ? { stack_trace: stack } : {}),
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
  process.exit(1);
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  let dotEnv: DotEnvLoad | undefined;
  try {
    dotEnv = loadDotEnv();
    config = AppConfig.fromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    failStart(error.message);
  }
  const app = await createApp({ config });
  // A context-bound logger: nestjs-pino would take a bare call's string as the context.
  const logger = new Logger('Bootstrap');
  stopOnSignals(app, logger);
  if (dotEnv) {
    logger.log(
      { file: dotEnv.path, variables: dotEnv.variables },
      'development: variables the environment did not set were read from .env',
    );
  }
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

/**
 * SIGTERM (Cloud Run) or Ctrl-C: no connection is accepted any more and a request that
 * still arrives on an open one is answered 503; the requests in flight are answered; then
 * consolidations in flight finish or are abandoned to their lease, the warehouse closes,
 * and the process exits 0 (logs are written synchronously: none is lost).
 */
function stopOnSignals(app: NestExpressApplication, logger: Logger): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    const drain = app.get(HttpDrain);
    const inFlight = drain.requestsInFlight;
    logger.log({ signal, requestsInFlight: inFlight }, 'shutdown: answering requests in flight');
    const server: Server = app.getHttpServer();
    if (await drain.drain(server, DRAIN_WAIT_MS)) {
      logger.log({ refused: drain.refused }, 'shutdown: requests in flight answered');
    } else {
      logger.warn(
        { requestsInFlight: drain.requestsInFlight, waitMs: DRAIN_WAIT_MS },
        'shutdown: requests still in flight after the wait',
      );
    }
    await app.close();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) failStart(error.message);
  if (!(error instanceof Error)) failStart(`start failed: ${String(error)}`);
  failStart(`start failed: ${error.message}`, error.stack);
});
