'use client';
// Whether React runs this page yet: false in the server's HTML and until hydration, true after. Forms
// keep their submit button disabled until then, so a click before the scripts arrive cannot submit the
// form natively (a reload that would lose what was typed).
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** True once the page is hydrated (always true for components mounted later). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
