import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { signInIfAsked } from './sign-in';

/** Enrols a desk from a link, signs in (in English), and waits until it holds the catalogue. */
export async function enrolDesk(page: Page, link: string, serverOutput: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: 'English' }).click();
  await signInIfAsked(page, serverOutput);
  await page.getByRole('heading', { name: 'New visit' }).waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 30_000 }).toMatch(/Up to date/);
}

/** Records a DigiD visit in a language, referred to the Taalhuis' Dutch practice group (demo catalogue), with a follow-up when given. */
export async function recordReferral(page: Page, language: string, followUp?: string): Promise<void> {
  await page.getByRole('link', { name: 'Record a visit', exact: true }).click();
  await page.getByText(/^Visit: /).click();
  await page
    .getByRole('group', { name: 'Which language was the help given in?' })
    .getByRole('button', { name: language, exact: true })
    .click();
  await page.getByRole('button', { name: 'DigiD', exact: true }).click();
  await page.getByRole('button', { name: 'Referred', exact: true }).click();
  await page.getByRole('button', { name: '+ Add a referral' }).click();
  const dialog = page.getByRole('dialog', { name: 'Referral' });
  await dialog.getByRole('button', { name: 'From the catalogue', exact: true }).click();
  await dialog.getByLabel('Search courses and help').fill('NT2 beginners');
  await dialog
    .getByRole('button', { name: /^Details of Dutch practice group for beginners/ })
    .first()
    .click();
  await dialog.getByRole('button', { name: 'Refer here' }).click();
  await dialog.getByText(/^Chosen: Dutch practice group/).waitFor();
  await dialog.getByRole('button', { name: 'Warm (contact made)', exact: true }).click();
  if (followUp) await dialog.getByLabel('Follow-up appointment (optional)').fill(followUp);
  await dialog.getByRole('button', { name: 'Add referral', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved on this tablet.' }).count()).toBe(1);
}

/** Opens the card of the newest referral to the practice group from the desk's Today list. */
export async function openNewestCard(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await page
    .getByRole('link', { name: /^Referral card for Dutch practice group/ })
    .first()
    .click();
  await page.locator('article.referral-card').waitFor();
}
