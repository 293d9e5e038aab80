import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import { principalContextMiddleware } from './common/principal-context';
import { assertBusinessKey } from './consolidation/business-key';

/**
 * Builds the application the same way for the server, the tests and the schema script,
 * so what the tests exercise is what production runs.
 */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  // Before anything opens: a key the target cannot be merged on stops the start.
  assertBusinessKey(options.config.values.BUSINESS_KEY);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // Express's 100 kB default would refuse a full player list before validation could say why.
  app.useBodyParser('json', { limit: `${options.config.values.MAX_REQUEST_BODY_KB}kb` });
  // After the body parser: who is calling is carried from the auth guard to the event log.
  app.use(principalContextMiddleware);
  return app;
}
