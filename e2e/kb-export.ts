import type { Page } from 'playwright-core';

/**
 * The KB course-registration export as the console's course figures link it: fetched in the
 * page (the coordinator's session), its text and its rows split into cells (byte order mark
 * dropped, CRLF lines, semicolons, as Excel in a Dutch locale reads it).
 */
export async function kbCourseExport(page: Page): Promise<{ csv: string; lines: string[][] }> {
  const href = (await page.getByRole('link', { name: 'KB-cursusregistratie (CSV)' }).getAttribute('href'))!;
  const csv = await page.evaluate((url) => fetch(url).then((r) => r.text()), href);
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(';'));
  return { csv, lines };
}
