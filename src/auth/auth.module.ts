import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Authenticator } from './authenticator';
import { CredentialGate } from './credential-gate';
import { GraphqlAuthGuard } from './graphql-auth.guard';
import { GoogleIdTokenKeys, IdTokenKeySource, IdTokenVerifier } from './id-token-verifier';

/** Who may call: API keys and Google ID tokens, checked by the gate in front of GraphQL and a global guard. */
@Module({})
export class AuthModule {
  /** `keys` replaces Google's published keys (tests sign tokens with keys made locally). */
  static forRoot(keys?: IdTokenKeySource): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        keys
          ? { provide: IdTokenKeySource, useValue: keys }
          : { provide: IdTokenKeySource, useClass: GoogleIdTokenKeys },
        IdTokenVerifier,
        Authenticator,
        CredentialGate,
        { provide: APP_GUARD, useClass: GraphqlAuthGuard },
      ],
      exports: [Authenticator, CredentialGate],
    };
  }
}
