import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDeps } from '@/server/deps';
import { listOutbox } from '@/server/dev/list-outbox';
import { getEnv } from '@/server/env';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Outbox (development)', robots: { index: false } };

// Links inside a message become clickable so a developer can follow a sign-in link.
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} className="break-all text-brand-700 underline">
            {p}
          </a>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}

export default async function OutboxPage() {
  const env = getEnv();
  // E-mails carry sign-in links: only development and test servers show them.
  if (env.NODE_ENV === 'production' && !env.FLOCK_TEST_MODE) notFound();
  const messages = await listOutbox(getDeps());
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="text-stone-700">
        Flock has no mail provider in development: every e-mail it would send is listed here (newest first)
        and printed in the server log.
      </p>
      {messages.length === 0 ? (
        <p className="text-stone-600">No e-mails yet.</p>
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <p className="text-sm text-stone-600">
                To <strong className="text-stone-900">{m.to}</strong> ·{' '}
                {m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC
              </p>
              <h2 className="mt-1 font-semibold">{m.subject}</h2>
              <p className="mt-2 text-sm whitespace-pre-wrap">
                <Linkified text={m.body} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
