// Playwright's `test` and `expect` for every spec, with one addition: a test fails when any page of any
// browser context it opened reports a Content-Security-Policy violation in the console (Chromium logs each
// refused script, style, frame, image or connection there). Specs import everything Playwright from here.
// Edit when every spec needs another fixture.
import { test as base, expect, type BrowserContext } from '@playwright/test';

export * from '@playwright/test';

const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i;

/** The violations seen so far in this test; `take` hands them over and forgets them. */
export type CspViolations = { take: () => string[] };

export const test = base.extend<{ cspViolations: CspViolations }>({
  cspViolations: [
    async ({ browser }, use) => {
      let seen: string[] = [];
      const watched = new WeakSet<BrowserContext>();
      const watch = (context: BrowserContext) => {
        if (watched.has(context)) return;
        watched.add(context);
        context.on('console', (message) => {
          if (CSP_MESSAGE.test(message.text()))
            seen.push(`${message.location().url || message.page()?.url() || '?'}: ${message.text()}`);
        });
      };
      // The default context may exist already; every other one (browser.newContext in a spec) is announced.
      for (const context of browser.contexts()) watch(context);
      browser.on('context', watch);
      await use({
        take: () => {
          const taken = seen;
          seen = [];
          return taken;
        },
      });
      browser.off('context', watch);
      expect(seen, 'Content-Security-Policy violations reported in the browser').toEqual([]);
    },
    { auto: true },
  ],
});
