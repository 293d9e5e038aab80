import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SchemaBootstrap } from './schema-bootstrap';
import { WarehouseClient } from './warehouse-client';
import { instrument, WarehouseTelemetry } from './warehouse-telemetry';

/**
 * The one place an engine is chosen. Each adapter is loaded only when chosen: the other
 * engine's client library stays out of the start-up path.
 */
async function createWarehouseClient(config: AppConfig): Promise<WarehouseClient> {
  const settings = config.values;
  switch (settings.WAREHOUSE) {
    case 'duckdb': {
      const { DuckDbClient } = await import('./adapters/duckdb/duckdb.client');
      return DuckDbClient.open({
        path: settings.DUCKDB_PATH,
        connections: settings.DUCKDB_CONNECTIONS,
        ...(settings.DUCKDB_MEMORY_LIMIT ? { memoryLimit: settings.DUCKDB_MEMORY_LIMIT } : {}),
      });
    }
    case 'bigquery': {
      const { BigQueryClient } = await import('./adapters/bigquery/bigquery.client');
      return new BigQueryClient({
        projectId: settings.BIGQUERY_PROJECT,
        datasetId: settings.BIGQUERY_DATASET,
        location: settings.BIGQUERY_LOCATION,
        maxBytesBilled: settings.BIGQUERY_MAX_BYTES_BILLED,
        ...(settings.BIGQUERY_API_ENDPOINT ? { apiEndpoint: settings.BIGQUERY_API_ENDPOINT } : {}),
      });
    }
  }
}

class WarehouseLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Warehouse');
  constructor(@Inject(WarehouseClient) private readonly client: WarehouseClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
    this.logger.log('warehouse connection closed');
  }
}

/**
 * The warehouse of the application: the engine the config names, or (tests that run
 * several application instances on one warehouse) a client given here; its calls are
 * timed for metrics and readiness (WarehouseTelemetry) before the schema bootstrap runs.
 */
@Global()
@Module({})
export class WarehouseModule {
  static forRoot(client?: WarehouseClient): DynamicModule {
    return {
      module: WarehouseModule,
      providers: [
        { provide: WarehouseTelemetry, useValue: new WarehouseTelemetry() },
        {
          provide: WarehouseClient,
          inject: [AppConfig, WarehouseTelemetry],
          useFactory: async (config: AppConfig, telemetry: WarehouseTelemetry) => {
            const warehouse = client ?? (await createWarehouseClient(config));
            instrument(warehouse, telemetry);
            await new SchemaBootstrap(warehouse).run();
            return warehouse;
          },
        },
        WarehouseLifecycle,
      ],
      exports: [WarehouseClient, WarehouseTelemetry],
    };
  }
}
