import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BigQueryClient } from './adapters/bigquery/bigquery.client';
import { DuckDbClient } from './adapters/duckdb/duckdb.client';
import { SchemaBootstrap } from './schema-bootstrap';
import { WarehouseClient } from './warehouse-client';

/** The one place an engine is chosen. */
async function createWarehouseClient(config: AppConfig): Promise<WarehouseClient> {
  const settings = config.values;
  switch (settings.WAREHOUSE) {
    case 'duckdb':
      return DuckDbClient.open({
        path: settings.DUCKDB_PATH,
        connections: settings.DUCKDB_CONNECTIONS,
      });
    case 'bigquery':
      return new BigQueryClient({
        projectId: settings.BIGQUERY_PROJECT,
        datasetId: settings.BIGQUERY_DATASET,
        location: settings.BIGQUERY_LOCATION,
        maxBytesBilled: settings.BIGQUERY_MAX_BYTES_BILLED,
        ...(settings.BIGQUERY_API_ENDPOINT ? { apiEndpoint: settings.BIGQUERY_API_ENDPOINT } : {}),
      });
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

@Global()
@Module({
  providers: [
    {
      provide: WarehouseClient,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const client = await createWarehouseClient(config);
        await new SchemaBootstrap(client).run();
        return client;
      },
    },
    WarehouseLifecycle,
  ],
  exports: [WarehouseClient],
})
export class WarehouseModule {}
