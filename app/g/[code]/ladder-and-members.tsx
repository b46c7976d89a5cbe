'use client';
// The price ladder and the members (aliases with generated avatars), updated live.
import { useTranslations } from 'next-intl';
import { Avatar } from '@/app/_components/avatar';
import { ladderSteps } from '@/server/share/group-words';
import { groupFacts } from './group-view';
import { useWords } from '@/app/_components/use-words';
import { useGroupView } from './live-group';

const SHOWN_MEMBERS = 60;

const SEATS_SHOWN = 8;

/** Every price bracket as a step: reached ones ticked, the one in force lit, the next ones with how many more. */
export function PriceLadder() {
  const { view: g } = useGroupView();
  const w = useWords();
  const t = useTranslations('group.ladder');
  const steps = ladderSteps(w, groupFacts(g));
  const open = g.status === 'open';
  const spotsLeft = Math.max(0, g.maxMembers - g.seatsTaken);
  const next = steps.find((s) => s.state === 'ahead');
  // The seats up to the next step: faces for who is in, empty circles for the places still to fill.
  const toFill = open && next ? Math.min(SEATS_SHOWN, Math.max(0, next.minMembers - g.confirmedCount)) : 0;
  const faces = g.members.filter((m) => m.confirmed).slice(0, SEATS_SHOWN);
  return (
    <section
      aria-labelledby="ladder-heading"
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 id="ladder-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <ol className="mt-3 space-y-2">
        {steps.map((step) => (
          <li
            key={step.minMembers}
            className={`flex items-center justify-between gap-3 rounded-lg px-3 py-2 ${step.state === 'current' ? 'bg-brand-50 ring-2 ring-brand-600' : 'bg-stone-50'}`}
            aria-current={step.state === 'current' ? 'step' : undefined}
          >
            <span className="flex min-w-0 items-center gap-2">
              <span
                aria-hidden="true"
                className={`inline-block w-5 text-center ${step.state === 'ahead' ? 'text-stone-500' : 'text-green-700'}`}
              >
                {step.state === 'ahead' ? '○' : '✓'}
              </span>
              <span className="min-w-0">
                <span className="block">{step.from}</span>
                {open && step.needed && (
                  <span className="block text-sm text-stone-600">
                    {step.needed} → {step.price}
                  </span>
                )}
                <span className="sr-only">{step.state === 'ahead' ? '' : t('reached')}</span>
              </span>
            </span>
            <span
              className={`text-lg font-semibold tabular-nums ${step.state === 'current' ? 'text-brand-700' : 'text-stone-900'}`}
            >
              {step.price}
            </span>
          </li>
        ))}
      </ol>
      {open && (
        <div className="mt-4 flex flex-wrap items-center gap-1.5" data-testid="seats">
          {faces.map((m, i) => (
            <Avatar key={`${m.alias}-${i}`} alias={m.alias} />
          ))}
          {Array.from({ length: toFill }, (_, i) => (
            <span
              key={`empty-${i}`}
              aria-hidden="true"
              className="inline-block size-9 rounded-full border-2 border-dashed border-stone-400"
            />
          ))}
          <span className="ml-1 text-sm text-stone-700">{t('spotsLeft', { count: spotsLeft })}</span>
        </div>
      )}
    </section>
  );
}

/** Who is in the group, by alias only (DESIGN rule 7). */
export function MemberList() {
  const { view: g } = useGroupView();
  const t = useTranslations('group.members');
  const shown = g.members.slice(0, SHOWN_MEMBERS);
  const total = g.members.length + g.moreMembers;
  return (
    <section
      aria-labelledby="members-heading"
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 id="members-heading" className="text-lg font-semibold">
        {t.rich('heading', {
          total,
          count: (chunks) => <span className="font-normal text-stone-600">{chunks}</span>,
        })}
      </h2>
      {shown.length === 0 ? (
        <p className="mt-2 text-stone-600">{t('empty')}</p>
      ) : (
        <ul className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="members">
          {shown.map((m, i) => (
            <li key={`${m.alias}-${i}`} className="flex min-w-0 items-center gap-2">
              <Avatar alias={m.alias} />
              <span className="min-w-0">
                <span className="block truncate font-medium" title={m.alias}>
                  {m.alias}
                </span>
                {!m.confirmed && <span className="block text-xs text-stone-600">{t('confirming')}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {total > shown.length && (
        <p className="mt-2 text-sm text-stone-600">{t('more', { count: total - shown.length })}</p>
      )}
    </section>
  );
}
