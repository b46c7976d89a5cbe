// The one error module: the domain error services throw, its code → tRPC code map (used by the router's
// middleware in server/trpc/init.ts and by the live stream), and zod errors flattened for forms.
// Imports zod and tRPC types only, so the browser's forms may use fieldMessages too.
// Edit when a new kind of refusal appears.
import type { TRPCError } from '@trpc/server';
import type { z } from 'zod';

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

/**
 * The tRPC code each domain code reaches the client as. Only PAYMENT_UNAVAILABLE is a server error
 * (tRPC clients, the live stream's among them, retry those); every other refusal is final.
 */
export const TRPC_CODE_OF: Readonly<Record<DomainErrorCode, TRPCError['code']>> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INVALID_INPUT: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  GROUP_CLOSED: 'CONFLICT',
  GROUP_FULL: 'CONFLICT',
  INVITE_ONLY: 'FORBIDDEN',
  OUT_OF_STOCK: 'CONFLICT',
  PAYMENT_DECLINED: 'PAYMENT_REQUIRED',
  PAYMENT_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** True when `err` is a DomainError with (one of) the given code(s). */
export function isDomainError(err: unknown, code?: DomainErrorCode): err is DomainError {
  return err instanceof DomainError && (code === undefined || err.code === code);
}

/** Zod issues as a form wants them: dotted path ('tiers.1.unitPrice') → the first message for that field. */
export function fieldMessages(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path.map(String).join('.')] ??= issue.message;
  return out;
}

/** Parses `value` with `schema`, or throws INVALID_INPUT carrying a message per field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new DomainError('INVALID_INPUT', 'Some fields need attention.', fieldMessages(result.error.issues));
  return result.data;
}

/** True when PostgreSQL refused a value it was sent (SQLSTATE class 22: text it cannot store, out of range). */
export function isRefusedValue(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('22')) return true;
  }
  return false;
}
