import type { Page } from 'playwright-core';

/** The first demo volunteer the server printed at start-up: name and PIN. */
export function demoVolunteer(serverOutput: string): { name: string; pin: string } {
  const who = /([A-Z][a-z]+ [A-Z]\.) \(PIN (\d{4,8})\)/.exec(serverOutput);
  if (!who) throw new Error('no demo volunteer was printed at start-up');
  return { name: who[1]!, pin: who[2]! };
}

/** Picks the volunteer on the sign-in screen and types the PIN on the pad. */
export async function signIn(page: Page, volunteer: { name: string; pin: string } = { name: 'Anna B.', pin: '2580' }): Promise<void> {
  await page.getByRole('heading', { name: 'Who are you?' }).waitFor();
  await page.getByRole('button', { name: volunteer.name, exact: true }).click();
  for (const digit of volunteer.pin) await page.getByRole('button', { name: `Digit ${digit}`, exact: true }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in when the desk is locked; waits until its screens show either way. */
export async function signInIfAsked(page: Page, serverOutput: string): Promise<void> {
  const screens = page.getByRole('navigation', { name: 'Screens' });
  const locked = page.getByRole('heading', { name: 'Who are you?' });
  await Promise.race([screens.waitFor(), locked.waitFor()]);
  if (await locked.isVisible()) {
    await signIn(page, demoVolunteer(serverOutput));
    await screens.waitFor();
  }
}
