// Privacy in plain words: what this site keeps, who sees it, and what it never sees.
import type { Metadata } from 'next';
import { LegalPage } from '@/app/_components/legal-page';

export const metadata: Metadata = { title: 'Privacy' };

export default function PrivacyPage() {
  return (
    <LegalPage title="Privacy">
      <h2>What other members see</h2>
      <p>
        Only the name you choose for the group. Your e-mail address, phone, card and account are never shown
        to other members, and a newcomer sees only the group as it is now.
      </p>
      <h2>What we keep</h2>
      <p>
        The groups you joined, the name you chose in each, your quantity, and the amounts held, charged and
        refunded. If you give an e-mail address (to keep your groups on another device), we keep it to sign
        you in and to write to you about your groups.
      </p>
      <h2>Cards</h2>
      <p>
        Card details go straight to the payment processor, Stripe; this site never sees or stores your card
        number. It keeps only the processor&apos;s reference to each hold.
      </p>
      <h2>Who else sees your details</h2>
      <p>
        When a group goes ahead, the shop that sells the deal sees your e-mail address (if you gave one) and
        what you bought, so it can deliver and answer you. Nobody else does.
      </p>
      <h2>Cookies</h2>
      <p>
        One cookie keeps you signed in, so the page knows which groups are yours. We count visits to a group
        by the channel the link came from (for example a chat app), without tracking you across other sites.
      </p>
    </LegalPage>
  );
}
