import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { Kind, OperationTypeNode, parse } from 'graphql';
import { DomainError, ErrorCode } from '../common/domain-error';
import { answerError, type Middleware } from '../common/middleware';
import { AppConfig } from '../config/app-config';
import { Authenticator, type Principal } from './authenticator';

/** What the gate learnt from a request's headers. */
type Verdict = { readonly principal: Principal } | { readonly refusal: DomainError };

/** The most a request without a credential may send when queries are open (AUTH_QUERIES=false). */
export const ANONYMOUS_BODY_LIMIT_KB = 64;

/** The HTTP status of a refused credential. */
function refusalStatus(code: ErrorCode): number {
  if (code === ErrorCode.Forbidden) return 403;
  if (code === ErrorCode.Unavailable) return 503;
  return 401;
}

/** Whether the body may be larger than a caller without a credential may send (or is unsized). */
function mayBeLarge(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return req.headers['transfer-encoding'] !== undefined || length > ANONYMOUS_BODY_LIMIT_KB * 1024;
}

/**
 * Answers a refusal as GraphQL over HTTP does a request error: no data, one error, a
 * status. A large body is not read at all: the connection closes after the answer (a
 * small one is read and dropped, so the connection can serve the next request).
 */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: DomainError): void {
  const status = refusalStatus(refusal.code);
  answerError(
    res,
    status,
    refusal.message,
    { code: refusal.code, ...refusal.details },
    {
      ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
      ...(mayBeLarge(req) ? { connection: 'close' } : {}),
    },
  );
}

/** The GraphQL document a request carries, from a JSON body or a GET query string. */
function documentOf(req: IncomingMessage): unknown {
  const { body } = req as IncomingMessage & { body?: unknown };
  if (req.method === 'GET') return new URL(req.url ?? '/', 'http://gate').searchParams.get('query');
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>).query
    : undefined;
}

/**
 * The first thing a GraphQL request meets: the credential is checked from the headers
 * before the body is read, so a request without one costs what its refusal costs: no
 * parsing, no validation, no warehouse, and an answer that is the same whatever it asked.
 * When queries are open to all (AUTH_QUERIES=false), a request without a credential has
 * its body read (if at most ANONYMOUS_BODY_LIMIT_KB) and gets through only if every
 * operation of its document is a query.
 */
@Injectable()
export class CredentialGate {
  private readonly verdicts = new WeakMap<IncomingMessage, Verdict>();

  constructor(
    private readonly authenticator: Authenticator,
    private readonly config: AppConfig,
  ) {}

  /** Before the body is read: refuses at once unless the caller is known or queries are open. */
  readonly beforeBody: Middleware = (req, res, next) => {
    if (!this.config.authEnabled) return next();
    this.authenticator.authenticate(req.headers).then(
      (principal) => {
        this.verdicts.set(req, { principal });
        next();
      },
      (error: unknown) => {
        if (!(error instanceof DomainError)) return next(error);
        if (this.authenticator.requiresCredential('query') || mayBeLarge(req))
          return refuse(req, res, error);
        // Queries are open: the document, read next, decides.
        this.verdicts.set(req, { refusal: error });
        next();
      },
    );
  };

  /** After the body is read: a caller without a credential may only ask queries. */
  readonly afterBody: Middleware = (req, res, next) => {
    const verdict = this.verdicts.get(req);
    if (verdict && 'refusal' in verdict && !this.asksOnlyQueries(req))
      return refuse(req, res, verdict.refusal);
    next();
  };

  /** Whether the request presented a credential that was accepted. */
  isCredentialed(req: IncomingMessage): boolean {
    const verdict = this.verdicts.get(req);
    return verdict !== undefined && 'principal' in verdict;
  }

  /** Whether the body may be read up to MAX_REQUEST_BODY_KB: the caller is known, or auth is off. */
  mayReadFullBody(req: IncomingMessage): boolean {
    return !this.config.authEnabled || this.isCredentialed(req);
  }

  /** Who called, as the gate found; a request that did not pass the gate is checked now. */
  async principalOf(req: IncomingMessage): Promise<Principal> {
    const verdict = this.verdicts.get(req);
    if (verdict === undefined) return this.authenticator.authenticate(req.headers);
    if ('refusal' in verdict) throw verdict.refusal;
    return verdict.principal;
  }

  private asksOnlyQueries(req: IncomingMessage): boolean {
    const source = documentOf(req);
    // A persisted-query hash alone, a batch or no document: nothing says it only reads.
    if (typeof source !== 'string') return false;
    try {
      const document = parse(source, { maxTokens: this.config.values.GRAPHQL_MAX_TOKENS });
      return document.definitions.every(
        (d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === OperationTypeNode.QUERY,
      );
    } catch {
      // Not GraphQL at all: GraphQL's own syntax error, which tells nothing of the schema.
      return true;
    }
  }
}
