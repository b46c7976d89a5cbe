// Reads the API's refusals for forms: the plain sentence and the per-field messages.
import { TRPCClientError } from '@trpc/client';

/** Per-field messages ('tiers.1.unitPrice' → sentence) from a failed mutation, or {}. */
export function errorFields(err: unknown): Record<string, string> {
  if (!(err instanceof TRPCClientError)) return {};
  const data = err.data as { fields?: Record<string, string> | null } | undefined;
  return data?.fields ?? {};
}

/**
 * The sentence to show for a failed call: the server's (already in the reader's language), else
 * `fallback` (the catalog's "Something went wrong", words.genericError).
 */
export function errorMessage(err: unknown, fallback: string): string {
  if (err instanceof Error && err.message) return err.message;
  return fallback;
}
