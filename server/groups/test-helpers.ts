// Shared assertions for the groups tests: read a refusal's domain code and message from a tRPC call.
import { TRPCError } from '@trpc/server';
import { DomainError } from '@/server/errors';

/** Awaits a call that must fail and returns its domain code and message. */
export async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const cause = err instanceof TRPCError ? err.cause : err;
    if (cause instanceof DomainError) return { code: cause.code, message: cause.message };
    if (err instanceof TRPCError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
