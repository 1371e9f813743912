/**
 * The https address the server says tablets must open (GET /api/tablet-address), with
 * this page's enrolment code carried over so the coordinator needs one tap, not a retype.
 * Undefined when the server has none or cannot be asked.
 */
export async function secureAddressForThisPage(here: Location = location): Promise<string | undefined> {
  try {
    const response = await fetch('/api/tablet-address', { headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    const { url } = (await response.json()) as { url?: unknown };
    if (typeof url !== 'string' || !url.startsWith('https://')) return undefined;
    const target = new URL(here.pathname + here.search, url);
    return target.origin === here.origin ? undefined : target.toString();
  } catch {
    return undefined;
  }
}

/** The one-time code in an enrolment link (?enrol=…), which this screen must not spend. */
export function enrolmentCodeInLink(here: Location = location): string | undefined {
  return new URLSearchParams(here.search).get('enrol') ?? undefined;
}
