/** Identifiers that reach SQL are checked against strict patterns; values never are identifiers. */
export const PLAYER_LOOKUP_PATTERN = /^[a-z0-9_-]{1,64}$/;
export const BATCH_ID_PATTERN = /^b\d{8}_\d{1,6}$/;
export const STAGING_PREFIX = '_staging_';
const TABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,1023}$/;

export function assertSafeTableName(name: string): string {
  if (!TABLE_NAME_PATTERN.test(name)) throw new Error(`unsafe table name: ${JSON.stringify(name)}`);
  return name;
}

export function stagingPrefix(batchId: string): string {
  return `${STAGING_PREFIX}${batchId}_`;
}

export function stagingTableName(batchId: string, playerLookup: string): string {
  return assertSafeTableName(`${stagingPrefix(batchId)}${playerLookup}`);
}

/** The batch a staging table belongs to, or undefined when the name is not ours. */
export function batchOfStagingTable(tableName: string): string | undefined {
  const match = /^_staging_(b\d{8}_\d{1,6})_/.exec(tableName);
  return match?.[1];
}
