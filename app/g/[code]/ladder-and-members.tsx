'use client';
// The price ladder and the members (aliases with generated avatars), updated live.
import { Avatar } from '@/app/_components/avatar';
import { formatMoney } from '@/server/pricing/currency';
import { useGroupView } from './live-group';

const SHOWN_MEMBERS = 60;

/** Every price bracket: reached ones ticked, the one in force highlighted. */
export function PriceLadder() {
  const { view: g } = useGroupView();
  return (
    <section
      aria-labelledby="ladder-heading"
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 id="ladder-heading" className="text-lg font-semibold">
        Price ladder
      </h2>
      <ol className="mt-3 space-y-2">
        {g.ladder.map((step) => (
          <li
            key={step.minMembers}
            className={`flex items-center justify-between rounded-lg px-3 py-2 ${step.current ? 'bg-brand-50 ring-2 ring-brand-600' : 'bg-stone-50'}`}
            aria-current={step.current ? 'step' : undefined}
          >
            <span className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className={`inline-block w-5 text-center ${step.reached ? 'text-green-700' : 'text-stone-500'}`}
              >
                {step.reached ? '✓' : '○'}
              </span>
              <span>
                {step.minMembers}+ people
                <span className="sr-only">
                  {step.reached ? ', reached' : `, ${step.membersNeeded} more needed`}
                </span>
              </span>
            </span>
            <span
              className={`font-semibold tabular-nums ${step.current ? 'text-brand-700' : 'text-stone-900'}`}
            >
              {formatMoney(step.unitPrice, g.currency)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Who is in the group, by alias only (DESIGN rule 7). */
export function MemberList() {
  const { view: g } = useGroupView();
  const shown = g.members.slice(0, SHOWN_MEMBERS);
  const total = g.members.length + g.moreMembers;
  return (
    <section
      aria-labelledby="members-heading"
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 id="members-heading" className="text-lg font-semibold">
        Who&apos;s in <span className="font-normal text-stone-600">({total})</span>
      </h2>
      {shown.length === 0 ? (
        <p className="mt-2 text-stone-600">Nobody yet. Be the first to join.</p>
      ) : (
        <ul className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="members">
          {shown.map((m, i) => (
            <li key={`${m.alias}-${i}`} className="flex min-w-0 items-center gap-2">
              <Avatar alias={m.alias} />
              <span className="min-w-0">
                <span className="block truncate font-medium" title={m.alias}>
                  {m.alias}
                </span>
                {!m.confirmed && <span className="block text-xs text-stone-600">confirming card…</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {total > shown.length && <p className="mt-2 text-sm text-stone-600">and {total - shown.length} more</p>}
    </section>
  );
}
