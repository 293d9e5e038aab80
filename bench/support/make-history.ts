// Builds a DuckDB file holding `days` of history (run as its own process, so the service's
// memory figure does not include building it).
import { DuckDbClient } from '../../src/warehouse/adapters/duckdb/duckdb.client';
import { SchemaBootstrap } from '../../src/warehouse/schema-bootstrap';
import { fillHistory } from './history';

async function main(): Promise<void> {
  const [path, days] = process.argv.slice(2);
  const client = await DuckDbClient.open({ path: path ?? 'history.duckdb', connections: 1 });
  await new SchemaBootstrap(client).run();
  await fillHistory(client, '2026-01-29', Number(days ?? 365), 13_700);
  await client.execute({ sql: 'CHECKPOINT', params: {} });
  await client.close();
}

void main();
