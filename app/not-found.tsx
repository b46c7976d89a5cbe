import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold">We couldn&apos;t find that</h1>
      <p className="mt-3 text-stone-600">
        The link may be mistyped, or the group or deal no longer exists. Ask whoever shared it for a fresh
        link.
      </p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
      >
        See today&apos;s deals
      </Link>
    </section>
  );
}
