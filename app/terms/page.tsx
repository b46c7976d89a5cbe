// Terms in plain words: how buying in a group works here, what a hold is, who sells.
import type { Metadata } from 'next';
import { LegalPage } from '@/app/_components/legal-page';

export const metadata: Metadata = { title: 'Terms' };

export default function TermsPage() {
  return (
    <LegalPage title="How buying together works">
      <h2>Who sells</h2>
      <p>
        Each deal is offered by the shop named on its page. The shop sets the product, the prices and how the
        goods reach you, and answers for them; what it publishes of its contact, shipping and returns policies
        is on every deal and group page. This site runs the groups and takes the payments on the shop&apos;s
        behalf.
      </p>
      <h2>Prices that drop as people join</h2>
      <p>
        A deal has price brackets: the more people in a group, the lower the price for everyone. A group needs
        its minimum number of people to go ahead. It closes at its deadline, when every place is taken, or
        when the shop ends it.
      </p>
      <h2>Card holds</h2>
      <p>
        When you join, your bank sets aside the price shown to you, times your quantity. Nothing is taken
        while the group is open, and you can leave until it closes; leaving releases the hold.
      </p>
      <h2>What you pay</h2>
      <p>
        If the group goes ahead, you are charged the group&apos;s final price, or the price you were shown
        when you joined if that was lower: never more than the hold. The rest of the hold is released. If the
        group does not reach its minimum, or the shop cancels it, every hold is released and nobody pays.
      </p>
      <h2>Refunds</h2>
      <p>
        Returns and refunds follow the shop&apos;s returns policy. A refund goes back to the card you paid
        with.
      </p>
    </LegalPage>
  );
}
