/** Codes a client can act on; the GraphQL edge maps each to extensions.code. */
export enum ErrorCode {
  BadInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  Unavailable = 'SERVICE_UNAVAILABLE',
}

export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** An error the caller caused or can act on; its message is safe to show. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { readonly fields?: readonly FieldProblem[] } & Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(message: string, fields?: readonly FieldProblem[]): DomainError {
    return new DomainError(ErrorCode.BadInput, message, fields ? { fields } : {});
  }

  static notFound(message: string): DomainError {
    return new DomainError(ErrorCode.NotFound, message);
  }

  static conflict(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(ErrorCode.Conflict, message, details);
  }
}
