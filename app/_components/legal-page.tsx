// The frame of the site's plain-words pages (terms, privacy, contact): a title and readable sections.
import type { ReactNode } from 'react';

/** A titled page of short sections. */
export function LegalPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <article className="mx-auto max-w-2xl space-y-5 text-stone-800 [&_h2]:mt-6 [&_h2]:text-lg [&_h2]:font-semibold [&_p]:leading-relaxed">
      <h1 className="text-2xl font-bold tracking-tight text-stone-950">{title}</h1>
      {children}
    </article>
  );
}
