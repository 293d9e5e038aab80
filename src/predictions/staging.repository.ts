import { Injectable } from '@nestjs/common';
import { stagingTableName } from '../warehouse/sql/identifiers';
import type { Row } from '../warehouse/sql/statement';
import { WarehouseClient } from '../warehouse/warehouse-client';
import { stagingTableDefinition } from './prediction-columns';

/** Workers' staged rows: one table per (batch, player), replaced whole on every write. */
@Injectable()
export class StagingRepository {
  constructor(private readonly warehouse: WarehouseClient) {}

  async replacePlayerStaging(
    batchId: string,
    playerLookup: string,
    rows: readonly Row[],
  ): Promise<string> {
    const table = stagingTableName(batchId, playerLookup);
    await this.warehouse.replaceTable(stagingTableDefinition(table), rows);
    return table;
  }
}
