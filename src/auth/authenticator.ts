import type { IncomingHttpHeaders } from 'node:http';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { MIN_API_KEY_LENGTH } from '../config/config.schema';
import { ApiKeyRing } from './api-key-ring';
import { presentedCredential } from './credentials';
import { apiKeyId } from './principal';
import { IdTokenVerifier, InvalidIdToken, SigningKeysUnavailable } from './id-token-verifier';

/** Who called: a holder of an API key or a Google identity (a service account). */
export type Principal =
  | { readonly kind: 'api-key'; readonly keyId: string }
  | { readonly kind: 'id-token'; readonly subject: string; readonly email?: string };

export type OperationKind = 'query' | 'mutation' | 'subscription';

const HOW_TO_AUTHENTICATE =
  'send X-API-Key: <key> or Authorization: Bearer <API key or Google ID token>';

function unauthenticated(message: string): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, message);
}

/** Decides whether an operation needs a credential and who presented one. */
@Injectable()
export class Authenticator implements OnModuleInit {
  private readonly logger = new Logger(Authenticator.name);
  private readonly keys: ApiKeyRing;
  private readonly allowedEmails: ReadonlySet<string>;

  constructor(
    private readonly config: AppConfig,
    private readonly idTokens: IdTokenVerifier,
  ) {
    this.keys = new ApiKeyRing(config.values.API_KEYS);
    this.allowedEmails = new Set(config.values.AUTH_ALLOWED_EMAILS.map((e) => e.toLowerCase()));
  }

  onModuleInit(): void {
    const short = this.config.values.API_KEYS.filter((k) => k.length < MIN_API_KEY_LENGTH).length;
    if (short > 0) {
      // Production refuses to start with one (config.schema.ts); elsewhere it is a warning.
      this.logger.warn(
        { shortKeys: short, minLength: MIN_API_KEY_LENGTH },
        `API_KEYS holds keys shorter than ${MIN_API_KEY_LENGTH} characters: production refuses them`,
      );
    }
    if (this.idTokens.enabled && this.allowedEmails.size === 0) {
      // Any Google service account can mint a token for any audience.
      this.logger.warn(
        { audience: this.config.values.AUTH_AUDIENCE },
        'ID tokens are accepted from any Google identity: set AUTH_ALLOWED_EMAILS to restrict them',
      );
    }
  }

  /** Mutations always need a credential when auth is on; queries unless AUTH_QUERIES=false. */
  requiresCredential(operation: OperationKind): boolean {
    if (!this.config.authEnabled) return false;
    return operation !== 'query' || this.config.values.AUTH_QUERIES;
  }

  /** The caller, or UNAUTHENTICATED / FORBIDDEN; a bearer token is never trusted unverified. */
  async authenticate(headers: IncomingHttpHeaders): Promise<Principal> {
    const credential = presentedCredential(headers);
    switch (credential.kind) {
      case 'none':
        throw unauthenticated(`A credential is required: ${HOW_TO_AUTHENTICATE}`);
      case 'malformed':
        throw unauthenticated(`${credential.reason}: ${HOW_TO_AUTHENTICATE}`);
      case 'api-key':
        if (this.keys.matches(credential.value))
          return { kind: 'api-key', keyId: apiKeyId(credential.value) };
        this.logger.warn({ credential: 'x-api-key' }, 'unknown API key refused');
        throw unauthenticated('The API key was not accepted');
      case 'bearer':
        if (this.keys.matches(credential.value))
          return { kind: 'api-key', keyId: apiKeyId(credential.value) };
        return this.identify(credential.value);
    }
  }

  private async identify(token: string): Promise<Principal> {
    let identity;
    try {
      identity = await this.idTokens.verify(token);
    } catch (error) {
      if (error instanceof SigningKeysUnavailable) {
        this.logger.error({ err: error.cause }, 'ID token signing keys could not be fetched');
        throw new DomainError(
          ErrorCode.Unavailable,
          'The credential cannot be checked now; retry',
          {
            retryable: true,
          },
        );
      }
      const reason = error instanceof InvalidIdToken ? error.message : 'unverifiable';
      this.logger.warn({ credential: 'bearer', reason }, 'bearer token refused');
      throw unauthenticated('The bearer token is neither a known API key nor a valid ID token');
    }
    const { subject, email } = identity;
    if (
      this.allowedEmails.size > 0 &&
      !(email && identity.emailVerified && this.allowedEmails.has(email))
    ) {
      this.logger.warn(
        { subject, email },
        'ID token of an identity not in AUTH_ALLOWED_EMAILS refused',
      );
      throw new DomainError(
        ErrorCode.Forbidden,
        'This identity is not allowed to call the service',
      );
    }
    return { kind: 'id-token', subject, ...(email ? { email } : {}) };
  }
}
