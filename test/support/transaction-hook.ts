import type { JobKey } from '../../src/warehouse/sql/statement';
import type { TransactionStep, WarehouseClient } from '../../src/warehouse/warehouse-client';

/**
 * Runs `hook` once, just before the next transaction named `operation` reaches the
 * warehouse (what another replica does while a run is about to commit). Returns the
 * function that removes it.
 */
export function beforeNextTransaction(
  client: WarehouseClient,
  operation: string,
  hook: () => Promise<unknown>,
): () => void {
  const transaction = client.transaction.bind(client);
  let armed = true;
  client.transaction = async (steps: readonly TransactionStep[], job: JobKey) => {
    if (armed && job.operation === operation) {
      armed = false;
      await hook();
    }
    return transaction(steps, job);
  };
  return () => {
    client.transaction = transaction;
  };
}
