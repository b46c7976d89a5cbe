// The one domain error. Services throw it with a code; server/trpc/init.ts maps codes to tRPC codes.
// Edit when a new kind of refusal appears.

export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INVALID_INPUT'
  | 'CONFLICT' // the resource is not in a state that allows this
  | 'GROUP_CLOSED'
  | 'GROUP_FULL'
  | 'INVITE_ONLY'
  | 'OUT_OF_STOCK'
  | 'PAYMENT_DECLINED'
  | 'PAYMENT_UNAVAILABLE';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Per-field messages for forms: path → message. */
  readonly fields: Record<string, string> | undefined;

  constructor(code: DomainErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fields = fields;
  }
}

/** True when `err` is a DomainError with (one of) the given code(s). */
export function isDomainError(err: unknown, code?: DomainErrorCode): err is DomainError {
  return err instanceof DomainError && (code === undefined || err.code === code);
}

/** True when PostgreSQL refused a value it was sent (SQLSTATE class 22: text it cannot store, out of range). */
export function isRefusedValue(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('22')) return true;
  }
  return false;
}
