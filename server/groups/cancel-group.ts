import { and, eq, inArray } from 'drizzle-orm';
import { members, user } from '@/db/schema';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/locales';
import { translator } from '@/i18n/translator';
import { sendEmail } from '@/server/auth/mailer';
import { dealTitleFor } from '@/server/deals/deal-content';
import type { Deps } from '@/server/deps';
import { catalogWord, DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { formatMoney } from '@/server/pricing';
import { closeGroup } from './close-group';
import { getMerchantGroupOrThrow } from './get-merchant-group-or-throw';

/**
 * The merchant cancels an open group: nobody is charged, every hold is released (by the settle jobs),
 * the group ends canceled, and each member is told (an event each, and an e-mail when they gave a real
 * address). Only open groups can be canceled: once a close has started, captures may already have run.
 */
export async function cancelGroup(
  deps: Deps,
  input: { merchantId: string; groupId: string; reason?: string },
): Promise<{ canceled: true; members: number }> {
  const told = await deps.db.transaction(async (tx) => {
    const { g, deal } = await getMerchantGroupOrThrow(tx, input.merchantId, input.groupId, {
      lock: true,
    });
    if (g.status !== 'open')
      throw new DomainError('GROUP_CLOSED', 'group.alreadyStatusCancel', {
        status: catalogWord(`groupStatus.${g.status}`, g.status),
      });
    const live = await tx
      .select({
        id: members.id,
        holdAmount: members.holdAmount,
        email: user.email,
        isAnonymous: user.isAnonymous,
        alias: members.alias,
        locale: members.locale,
      })
      .from(members)
      .innerJoin(user, eq(user.id, members.userId))
      .where(and(eq(members.groupId, g.id), inArray(members.status, ['reserved', 'authorized'])));
    const r = await closeGroup(deps, g.id, 'canceled', tx);
    if (!r.closed)
      throw new DomainError('GROUP_CLOSED', 'group.alreadyStatusCancel', {
        status: catalogWord(`groupStatus.${r.status}`, r.status),
      });
    for (const m of live) {
      await recordEvent(tx, {
        type: 'member.group_canceled',
        dealId: g.dealId,
        groupId: g.id,
        memberId: m.id,
        payload: { reason: input.reason ?? null },
      });
    }
    return { live, deal, currency: g.currency, code: g.code };
  });
  // Mail after commit: a rolled-back cancel must not tell anyone their group was canceled.
  for (const m of told.live) {
    if (m.isAnonymous || !m.email) continue;
    // In the language the member joined in, with the deal's title in it when the merchant wrote one.
    const locale = isLocale(m.locale) ? m.locale : DEFAULT_LOCALE;
    const t = translator(locale, 'mail.groupCanceled');
    const { title } = dealTitleFor(told.deal, locale);
    await sendEmail(deps.db, {
      to: m.email,
      subject: t('subject', { title }),
      body: [
        t('greeting', { alias: m.alias }),
        '',
        t('body', { title, amount: formatMoney(m.holdAmount, told.currency, locale) }),
        input.reason ? t('note', { note: input.reason }) : '',
        '',
        `${deps.appUrl}/g/${told.code}`,
      ]
        .filter((l, i, all) => l !== '' || all[i - 1] !== '')
        .join('\n'),
    });
  }
  return { canceled: true, members: told.live.length };
}
