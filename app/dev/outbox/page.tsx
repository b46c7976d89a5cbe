import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { getDeps } from '@/server/deps';
import { listOutbox } from '@/server/dev/list-outbox';
import { getEnv } from '@/server/env';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mail.outbox');
  return { title: t('metaTitle'), robots: { index: false } };
}

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
  const [t, locale] = await Promise.all([getTranslations('mail.outbox'), getLocale()]);
  // Times in UTC, as the server log prints them, written the reader's way.
  const when = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'long',
    timeZone: 'UTC',
  });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-stone-700">{t('intro')}</p>
      {messages.length === 0 ? (
        <p className="text-stone-600">{t('empty')}</p>
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <p className="text-sm text-stone-600">
                {t.rich('sentTo', {
                  to: m.to,
                  date: when.format(m.createdAt),
                  b: (c) => <strong className="text-stone-900">{c}</strong>,
                })}
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
