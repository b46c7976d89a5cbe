// Test-only routes answer 404 unless the server runs with FLOCK_TEST_MODE (the e2e server sets it).
import { NextResponse } from 'next/server';
import { getEnv } from '@/server/env';

/** A 404 response when test mode is off, else null (go ahead). */
export function refuseUnlessTestMode(): NextResponse | null {
  return getEnv().FLOCK_TEST_MODE ? null : NextResponse.json({ error: 'Not found' }, { status: 404 });
}

/** A JSON error response with the message of `err`. */
export function errorResponse(err: unknown, status = 400): NextResponse {
  const message = err instanceof Error ? err.message : String(err);
  const fields =
    err && typeof err === 'object' && 'fields' in err ? (err as { fields?: unknown }).fields : undefined;
  return NextResponse.json({ error: message, fields }, { status });
}
