import type { JobKey } from '../../src/warehouse/sql/statement';
import type { TransactionStep, WarehouseClient } from '../../src/warehouse/warehouse-client';

/**
 * Runs `hook` once, just before the next MERGE transaction reaches the warehouse (what a
 * worker, an operator or another replica does while a run is about to merge). Returns the
 * function that removes it.
 */
export function beforeNextMerge(client: WarehouseClient, hook: () => Promise<unknown>): () => void {
  const transaction = client.transaction.bind(client);
  let armed = true;
  client.transaction = async (steps: readonly TransactionStep[], job: JobKey) => {
    if (armed && job.operation === 'merge') {
      armed = false;
      await hook();
    }
    return transaction(steps, job);
  };
  return () => {
    client.transaction = transaction;
  };
}
