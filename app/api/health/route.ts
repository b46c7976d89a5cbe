// Liveness and readiness: answers 200 when the database answers.
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await getDb().execute(sql`select 1`);
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, message: 'Database unavailable' }, { status: 503 });
  }
}
