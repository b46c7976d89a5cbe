'use client';
// One banner per state of the group and of the viewer's membership, in the words module's sentences
// (server/share/group-words.ts), so the page says what the deal page, /me and the previews say.
import { useLocale, useTranslations } from 'next-intl';
import { storedDeclineKey } from '@/server/groups/decline-refusal';
import { isLive } from '@/server/groups/membership';
import { groupHeadline, groupMoment, viewerOutcomeWords } from '@/server/share/group-words';
import { groupFacts } from './group-view';
import { mayJoin } from './join-actions';
import { useWords } from '@/app/_components/use-words';
import { useGroupView } from './live-group';

type Tone = 'good' | 'bad' | 'info' | 'warn';

const TONES: Record<Tone, string> = {
  good: 'bg-green-50 text-green-900 ring-green-200',
  bad: 'bg-red-50 text-red-900 ring-red-200',
  info: 'bg-sky-50 text-sky-900 ring-sky-200',
  warn: 'bg-amber-50 text-amber-900 ring-amber-200',
};
const OUTCOME_TONE = { good: 'good', waiting: 'info', neutral: 'info', problem: 'bad' } as const;

function Banner({ tone, title, children }: { tone: Tone; title: string; children?: React.ReactNode }) {
  return (
    <div role="status" data-testid="group-banner" className={`rounded-xl p-4 ring-1 ${TONES[tone]}`}>
      <p className="font-semibold">{title}</p>
      {children && <div className="mt-1 space-y-1 text-sm">{children}</div>}
    </div>
  );
}

/** The banner for the group's state as this viewer should read it; nothing while an open group takes them. */
export function StatusBanner({ hasInvite }: { hasInvite: boolean }) {
  const { view: g, viewer } = useGroupView();
  const w = useWords();
  const t = useTranslations('group');
  // A stored failure reason is English (Flock's sentence or the processor's); other readers get Flock's by key.
  const errorT = useTranslations('errors');
  const english = useLocale() === 'en';
  const failure = (reason: string) => (english ? reason : errorT(storedDeclineKey(reason)));
  const sentence = (text: string) => t('page.sentence', { text });
  const facts = groupFacts(g);
  const live = viewer && isLive(viewer.status) ? viewer : null;

  if (g.status !== 'open') {
    const moment = groupMoment(facts);
    const tone: Tone = moment.kind === 'won' ? 'good' : 'info';
    // A member reads their own outcome (charged, saved, refunded, released); anyone else the group's.
    if (viewer && viewer.status !== 'left') {
      const o = viewerOutcomeWords(w, facts, viewer);
      return (
        <Banner tone={OUTCOME_TONE[o.tone]} title={o.sentences[0] ?? o.label}>
          {o.sentences.slice(1).map((s) => (
            <p key={s}>{s}</p>
          ))}
          <p>{sentence(groupHeadline(w, facts))}</p>
          {viewer.status === 'payment_due' && (
            // The member's own fix page (server/groups/RECOVERY.md), through their session.
            <p>
              <a
                href={`/pay/me/${viewer.id}`}
                className="mt-1 inline-block rounded-lg bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700"
                data-testid="pay-now"
              >
                {t('banner.payNow')}
              </a>
            </p>
          )}
        </Banner>
      );
    }
    return (
      <Banner tone={tone} title={sentence(groupHeadline(w, facts))}>
        <p>{t('banner.newGroup')}</p>
      </Banner>
    );
  }

  // Open: a viewer whose attempt ended (left, declined, expired) is told so, with the hold's fate.
  if (viewer && !live) {
    const o = viewerOutcomeWords(w, facts, viewer);
    return (
      <Banner tone={OUTCOME_TONE[o.tone]} title={o.sentences[0] ?? o.label}>
        {viewer.status === 'failed' && viewer.failureReason ? <p>{failure(viewer.failureReason)}</p> : null}
        {mayJoin(g, viewer, hasInvite) && <p>{t('banner.joinAgain')}</p>}
      </Banner>
    );
  }
  if (g.seatsTaken >= g.maxMembers && !live) {
    return (
      <Banner tone="warn" title={t('banner.full')}>
        <p>{t('banner.fullHint')}</p>
      </Banner>
    );
  }
  if (g.inviteOnly && !live && !hasInvite) {
    return (
      <Banner tone="warn" title={t('banner.inviteOnly')}>
        <p>{t('banner.inviteOnlyHint')}</p>
      </Banner>
    );
  }
  return null;
}
