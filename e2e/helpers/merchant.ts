// The seeded demo shop the specs act as in the console (db/seed.ts), and signing in as it.
import { expect, type Page } from '@playwright/test';

export const DEMO_MERCHANT = { email: 'merchant@flock.test', password: 'flock-demo-1' };

/** Signs `page` in as the demo shop and waits for its console. */
export async function signInMerchant(page: Page): Promise<void> {
  await page.goto('/merchant/sign-in');
  await page.getByLabel('E-mail').fill(DEMO_MERCHANT.email);
  await page.getByLabel('Password').fill(DEMO_MERCHANT.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/merchant\/?$/);
}
