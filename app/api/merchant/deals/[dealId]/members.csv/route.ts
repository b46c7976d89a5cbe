// CSV export of a deal's members and charges, for the deal's merchant only (the one place buyer e-mails
// leave the server). Anyone else, or another merchant, gets a plain 404. The header row and the refusals are
// in the merchant's language (next-intl's request locale); the cells stay data (codes, decimals, ISO times).
import { getLocale, getTranslations } from 'next-intl/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { merchants } from '@/db/schema';
import { getAuth } from '@/server/auth/auth';
import { getDeps } from '@/server/deps';
import { isDomainError } from '@/server/errors';
import { membersCsv } from '@/server/merchant-console/members-csv';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export async function GET(
  req: Request,
  { params }: { params: Promise<{ dealId: string }> },
): Promise<Response> {
  const { dealId } = await params;
  const t = await getTranslations('merchant.csv');
  const session = await getAuth().api.getSession({ headers: req.headers });
  if (!session) return text(401, t('signIn'));
  const deps = getDeps();
  const [merchant] = await deps.db
    .select({ id: merchants.id })
    .from(merchants)
    .where(eq(merchants.userId, session.user.id));
  if (!merchant || !z.uuid().safeParse(dealId).success) return text(404, t('notFound'));
  try {
    const { filename, csv } = await membersCsv(deps, merchant.id, dealId, (column) => t(column));
    // A translated header is not ASCII: the byte-order mark tells spreadsheets the file is UTF-8. (The
    // English export keeps no mark, as scripts reading the column names expect.)
    const body = (await getLocale()) === 'en' ? csv : `\uFEFF${csv}`;
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (err) {
    if (isDomainError(err, 'NOT_FOUND')) return text(404, t('notFound'));
    throw err;
  }
}
