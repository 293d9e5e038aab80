import type { ApolloServerPlugin } from '@apollo/server';
import { anonymousErrorsPlugin } from './auth/anonymous-errors.plugin';
import { authStatusPlugin } from './auth/auth-status.plugin';
import { CredentialGate } from './auth/credential-gate';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import type { IdTokenKeySource } from './auth/id-token-verifier';
import { BatchModule } from './batch/batch.module';
import { ConsolidationModule } from './consolidation/consolidation.module';
import { PredictionsModule } from './predictions/predictions.module';
import { stagingInputPlugin } from './predictions/staging-input.plugin';
import { StagingService } from './predictions/staging.service';
import { Clock, SystemClock } from './common/clock';
import { HttpDrain } from './common/http-drain';
import { answeredErrorsPlugin } from './common/answered-errors.plugin';
import { formatGraphqlError, GraphqlErrorFilter } from './common/graphql-errors';
import { graphqlLimits } from './common/graphql-limits';
import type { GcpRuntime } from './common/gcp-runtime';
import { loggerParams } from './common/logging';
import { apolloLogger, unexplainedErrorsPlugin } from './common/unexplained-errors';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './metrics/metrics.module';
import type { WarehouseClient } from './warehouse/warehouse-client';
import { WarehouseModule } from './warehouse/warehouse.module';

export interface AppOptions {
  readonly config: AppConfig;
  /** Tests freeze time; production uses the system clock. */
  readonly clock?: Clock;
  /** Tests sign ID tokens with keys made locally; production uses Google's. */
  readonly idTokenKeys?: IdTokenKeySource;
  /** Tests run several instances on one warehouse; production uses the configured engine. */
  readonly warehouse?: WarehouseClient;
  /** Where the service runs (the logs' project and service); createApp finds it when absent. */
  readonly runtime?: GcpRuntime;
}

/** The limits' Apollo plugins plus others, in one list. */
function withPlugins<T extends { plugins: ApolloServerPlugin[] }>(
  options: T,
  ...plugins: ApolloServerPlugin[]
): T {
  return { ...options, plugins: [...options.plugins, ...plugins] };
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      global: true,
      imports: [
        AppConfigModule.forRoot(config),
        AuthModule.forRoot(options.idTokenKeys),
        LoggerModule.forRoot(
          loggerParams(
            config,
            options.runtime ?? { projectSource: 'none', serviceContext: config.serviceContext },
          ),
        ),
        ScheduleModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [PredictionsModule, AuthModule.forRoot(options.idTokenKeys)],
          inject: [StagingService, CredentialGate],
          useFactory: (staging: StagingService, gate: CredentialGate) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            // Nest would check the schema by running the whole introspection query at every
            // start; Apollo asserts it valid anyway before serving, and schema.gql is tested.
            buildSchemaOptions: { skipCheck: true },
            introspection: config.introspectionEnabled,
            // GraphiQL on GET /graphql (from a browser) wherever it can work: with introspection.
            graphiql: config.introspectionEnabled,
            csrfPrevention: true,
            ...withPlugins(
              graphqlLimits(config),
              authStatusPlugin(),
              unexplainedErrorsPlugin(),
              answeredErrorsPlugin(),
              stagingInputPlugin((input) => staging.refusalOfUncoerced(input)),
              ...(config.introspectionEnabled
                ? []
                : [anonymousErrorsPlugin((req) => gate.isCredentialed(req))]),
            ),
            // Nest would reset every status to 200 after execution; refusals set 401/403 themselves.
            preserveHttpStatusForExecutionErrors: false,
            formatError: formatGraphqlError,
            logger: apolloLogger(),
            // The error filter answers for field resolvers too (isStalled's argument).
            fieldResolverEnhancers: ['filters'],
            context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          }),
        }),
        WarehouseModule.forRoot(options.warehouse),
        BatchModule,
        PredictionsModule,
        ConsolidationModule,
        MetricsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: APP_FILTER, useClass: GraphqlErrorFilter },
        HttpDrain,
      ],
      exports: [Clock],
    };
  }
}
