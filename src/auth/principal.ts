import { createHash } from 'node:crypto';
import type { Principal } from './authenticator';

const KEY_ID_LENGTH = 12;

/**
 * An API key's id for the audit trail: the first 12 hex digits of its SHA-256. Operators
 * compute it with `printf %s "$KEY" | sha256sum | cut -c1-12`; it cannot be used as the
 * key, and a rotated key gets a new id.
 */
export function apiKeyId(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, KEY_ID_LENGTH);
}

/** How a caller is recorded on events and runs: never a secret. */
export function principalName(principal: Principal): string {
  switch (principal.kind) {
    case 'api-key':
      return `api-key:${principal.keyId}`;
    case 'id-token':
      return principal.email ?? `google:${principal.subject}`;
  }
}
