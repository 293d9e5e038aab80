import type { IncomingMessage } from 'node:http';
import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { identifyCaller } from '../common/principal-context';
import { Authenticator } from './authenticator';
import { CredentialGate } from './credential-gate';
import { principalName } from './principal';

/** HTTP routes anyone may call: liveness and readiness probes. */
const OPEN_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/**
 * The global guard, behind the credential gate. Runs before every Query and Mutation
 * resolver (not field resolvers) and reads what the gate found: the credential is checked
 * once per request however many fields the operation selects.
 */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly gate: CredentialGate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return this.allowHttp(context);
    const gql = GqlExecutionContext.create(context);
    const operation = gql.getInfo<GraphQLResolveInfo>().operation.operation;
    if (!this.authenticator.requiresCredential(operation)) return true;
    const { req } = gql.getContext<{ req: IncomingMessage }>();
    identifyCaller(principalName(await this.gate.principalOf(req)));
    return true;
  }

  /** Probes stay open; any other HTTP route needs the credential a mutation would. */
  private async allowHttp(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (OPEN_PATHS.has(path) || !this.authenticator.requiresCredential('mutation')) return true;
    try {
      await this.authenticator.authenticate(req.headers);
      return true;
    } catch {
      throw new UnauthorizedException('A credential is required');
    }
  }
}
