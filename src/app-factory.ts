import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as NestLogger } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import { principalContextMiddleware } from './common/principal-context';
import { assertBusinessKey } from './consolidation/business-key';
import { ANONYMOUS_BODY_LIMIT_KB, CredentialGate } from './auth/credential-gate';
import { detectGcpRuntime } from './common/gcp-runtime';
import { HttpDrain } from './common/http-drain';
import { traceContextMiddleware } from './common/trace-context';
import { jsonBody, jsonBodyBounds } from './common/json-body';

/** What express.json() would parse: application/json, whatever its parameters. */
function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Builds the application the same way for the server, the tests and the schema script,
 * so what the tests exercise is what production runs.
 */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  // Before anything opens: a key the target cannot be merged on stops the start.
  assertBusinessKey(options.config.values.BUSINESS_KEY);
  const runtime = options.runtime ?? (await detectGcpRuntime(options.config));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ ...options, runtime }),
    {
      // Nest's own start-up lines wait for the JSON logger. If the start fails first (a locked
      // DuckDB file), they are dropped rather than printed as coloured text, and the error is
      // thrown to the caller, which says why in one line (main.ts: CRITICAL).
      bufferLogs: true,
      autoFlushLogs: false,
      abortOnError: false,
      // The body is read below, behind the credential gate.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  const logging = new NestLogger('Logging');
  if (runtime.problem) logging.warn({ problem: runtime.problem }, 'log trace project unknown');
  else if (runtime.projectId)
    logging.log(
      { project: runtime.projectId, source: runtime.projectSource, ...runtime.serviceContext },
      'log traces name this project',
    );
  // Lines logged for a request carry its trace (again after the body is read, below).
  app.use(traceContextMiddleware);
  // Counts requests in flight; during a shutdown, answers 503 to any that still arrives.
  app.use(app.get(HttpDrain).middleware);
  const gate = app.get(CredentialGate);
  // A request without a credential is refused from its headers, before its body is read.
  app.use('/graphql', gate.beforeBody);
  // Express's 100 kB default would refuse a full player list before validation could say why.
  const fullLimit = `${options.config.values.MAX_REQUEST_BODY_KB}kb`;
  app.useBodyParser('text', {
    limit: fullLimit,
    type: (req: IncomingMessage) => isJson(req) && gate.mayReadFullBody(req),
  });
  // What the full parser left: bodies without a credential, when queries are open to all.
  app.useBodyParser('text', { limit: `${ANONYMOUS_BODY_LIMIT_KB}kb`, type: isJson });
  // The JSON text is measured before it is built: its size in bytes says little of its cost.
  app.use(jsonBody(jsonBodyBounds(options.config)));
  // After the body is read: who is calling is carried from the auth guard to the event log.
  app.use(principalContextMiddleware);
  app.use(traceContextMiddleware);
  app.use('/graphql', gate.afterBody);
  return app;
}
