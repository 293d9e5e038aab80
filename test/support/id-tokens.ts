import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { IdTokenKeySource, type SigningKeys } from '../../src/auth/id-token-verifier';

export interface IdTokenClaims {
  iss?: string;
  aud?: string;
  sub?: string;
  email?: string;
  email_verified?: boolean;
  iat?: number;
  exp?: number;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * A local stand-in for Google's signing keys: an RSA key pair made in the test, published
 * to the app as its IdTokenKeySource, and a signer for RS256 ID tokens. No network.
 */
export class LocalIdTokenIssuer extends IdTokenKeySource {
  readonly kid = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly publicPem: string;

  constructor() {
    super();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  signingKeys(): Promise<SigningKeys> {
    return Promise.resolve({ [this.kid]: this.publicPem });
  }

  /** A Google-shaped ID token: iss accounts.google.com, valid for an hour unless overridden. */
  sign(claims: IdTokenClaims, header: Record<string, unknown> = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: 'https://accounts.google.com',
      sub: '110000000000000000001',
      iat: now,
      exp: now + 3600,
      email_verified: true,
      ...claims,
    };
    const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid, ...header }));
    const body = base64url(JSON.stringify(payload));
    const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(this.privateKey);
    return `${head}.${body}.${base64url(signature)}`;
  }
}
