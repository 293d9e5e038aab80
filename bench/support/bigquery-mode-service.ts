// The service in BigQuery mode for the memory figure: WAREHOUSE=bigquery's configuration,
// its BigQuery adapter loaded and constructed as the module factory does (the client
// library resident), and the statements sent to the BigQuery double the bench serves
// (BENCH_WAREHOUSE_URL): this process holds no table data, as with BigQuery itself.
import '../../src/compile-cache';
import 'reflect-metadata';
import { createApp } from '../../src/app-factory';
import { AppConfig } from '../../src/config/app-config';
import { BigQueryClient } from '../../src/warehouse/adapters/bigquery/bigquery.client';
import { RemoteWarehouseClient } from './remote-warehouse';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const settings = config.values;
  if (settings.WAREHOUSE !== 'bigquery') throw new Error('WAREHOUSE=bigquery expected');
  const adapter = new BigQueryClient({
    projectId: settings.BIGQUERY_PROJECT,
    datasetId: settings.BIGQUERY_DATASET,
    location: settings.BIGQUERY_LOCATION,
    maxBytesBilled: settings.BIGQUERY_MAX_BYTES_BILLED,
  });
  const warehouse = new RemoteWarehouseClient(process.env.BENCH_WAREHOUSE_URL ?? '');
  const app = await createApp({ config, warehouse });
  await app.listen(settings.PORT, '127.0.0.1');
  process.stdout.write(`ready (${adapter.dialect.engine} adapter loaded)\n`);
}

void main();
