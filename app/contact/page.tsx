// Contact: an order goes to its shop (its address is on every deal and group page); the site to its operator.
import type { Metadata } from 'next';
import Link from 'next/link';
import { LegalPage } from '@/app/_components/legal-page';
import { getEnv } from '@/server/env';

export const metadata: Metadata = { title: 'Contact' };

export default function ContactPage() {
  const support = getEnv().SUPPORT_EMAIL;
  return (
    <LegalPage title="Contact">
      <h2>About a deal, an order or a delivery</h2>
      <p>
        Write to the shop that sells it: when it gives an address, it is under &ldquo;Sold by&rdquo; on the
        deal&apos;s page and on every group page. Your own groups are listed under{' '}
        <Link href="/me" className="font-medium text-brand-700 underline">
          My groups
        </Link>
        .
      </p>
      <h2>About this site</h2>
      {support ? (
        <p>
          Write to{' '}
          <a href={`mailto:${support}`} className="font-medium text-brand-700 underline">
            {support}
          </a>
          .
        </p>
      ) : (
        <p>Whoever runs this site has not published an address for it here yet.</p>
      )}
    </LegalPage>
  );
}
