// Full-page screenshots of the current page at desktop and phone width, for the specs whose pages a
// person looks at before calling the work done. Edit when the checked widths change.
import type { Page } from '@playwright/test';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Saves test-results/<prefix>-<name>-desktop.png and -phone.png, then leaves the page at desktop width. */
export async function shootBoth(page: Page, prefix: string, name: string): Promise<void> {
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `test-results/${prefix}-${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}
