import type { IncomingHttpHeaders } from 'node:http';

/** What a request presented: an X-API-Key value, a bearer token, or nothing. */
export type PresentedCredential =
  | { readonly kind: 'api-key'; readonly value: string }
  | { readonly kind: 'bearer'; readonly value: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed'; readonly reason: string };

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the credential headers; X-API-Key wins when both are sent. */
export function presentedCredential(headers: IncomingHttpHeaders): PresentedCredential {
  const apiKey = single(headers['x-api-key'])?.trim();
  if (apiKey) return { kind: 'api-key', value: apiKey };
  const authorization = single(headers.authorization)?.trim();
  if (!authorization) return { kind: 'none' };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) return { kind: 'malformed', reason: 'Authorization is not "Bearer <token>"' };
  return { kind: 'bearer', value: match[1] };
}
