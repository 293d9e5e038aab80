import { Injectable } from '@nestjs/common';
import type { OAuth2Client } from 'google-auth-library';
import { AppConfig } from '../config/app-config';

let oauth: Promise<OAuth2Client> | undefined;

/**
 * google-auth-library's client, loaded when an ID token is first checked: a service taking
 * API keys only never loads it (about 45 ms of the start and 14 MB, measured). One per
 * process; it caches Google's certificates for as long as Google allows.
 */
function oauthClient(): Promise<OAuth2Client> {
  oauth ??= import('google-auth-library').then(({ OAuth2Client }) => new OAuth2Client());
  return oauth;
}

/** Google's ID token issuers (service accounts and Cloud Scheduler use the https form). */
const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];

/** Public keys that sign ID tokens, by key id (`kid`), as PEM. */
export type SigningKeys = Readonly<Record<string, string>>;

/** Where the signing keys come from: Google in production, locally made keys in tests. */
export abstract class IdTokenKeySource {
  abstract signingKeys(): Promise<SigningKeys>;
}

/** Google's published certificates, cached by the library for as long as Google allows. */
@Injectable()
export class GoogleIdTokenKeys extends IdTokenKeySource {
  async signingKeys(): Promise<SigningKeys> {
    const { certs } = await (await oauthClient()).getFederatedSignonCertsAsync();
    return Object.fromEntries(
      Object.entries(certs).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  }
}

/** What a verified ID token says about its caller. */
export interface IdTokenIdentity {
  readonly subject: string;
  readonly email?: string;
  readonly emailVerified: boolean;
}

/** Thrown when a token is not a valid Google ID token for our audience; the reason is for logs. */
export class InvalidIdToken extends Error {
  override readonly name = 'InvalidIdToken';
}

/** The signing keys could not be had (Google unreachable): nobody can be verified just now. */
export class SigningKeysUnavailable extends Error {
  override readonly name = 'SigningKeysUnavailable';
}

/**
 * Verifies a Google-signed ID token: RS256 signature against the signing keys, issuer,
 * audience (AUTH_AUDIENCE), issue and expiry times.
 */
@Injectable()
export class IdTokenVerifier {
  constructor(
    private readonly keys: IdTokenKeySource,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.values.AUTH_AUDIENCE !== undefined;
  }

  async verify(token: string): Promise<IdTokenIdentity> {
    const audience = this.config.values.AUTH_AUDIENCE;
    if (audience === undefined)
      throw new InvalidIdToken('ID tokens are not accepted (no AUTH_AUDIENCE)');
    if (token.split('.').length !== 3) throw new InvalidIdToken('not a JWT');
    const certs = await this.keys.signingKeys().catch((error: unknown) => {
      throw new SigningKeysUnavailable('ID token signing keys unavailable', { cause: error });
    });
    const client = await oauthClient();
    let payload;
    try {
      const ticket = await client.verifySignedJwtWithCertsAsync(
        token,
        certs,
        audience,
        GOOGLE_ISSUERS,
      );
      payload = ticket.getPayload();
    } catch (error) {
      // The library's messages quote the whole token; keep only the reason before it.
      const reason = error instanceof Error ? error.message.split(/[:,]/)[0] : 'unverifiable';
      throw new InvalidIdToken(reason ?? 'unverifiable');
    }
    if (!payload?.sub) throw new InvalidIdToken('no subject');
    return {
      subject: payload.sub,
      ...(payload.email ? { email: payload.email.toLowerCase() } : {}),
      emailVerified: payload.email_verified === true,
    };
  }
}
