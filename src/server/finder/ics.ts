import type { CatalogueItem, CatalogueLocation } from '../../shared/catalogue';
import { pickText, type Language } from '../../shared/i18n-text';

/**
 * A course's sessions as iCalendar (RFC 5545): one VEVENT per session, with its
 * repeat rule as given, so a calendar app shows every meeting.
 */
export function courseCalendar(
  item: CatalogueItem,
  opts: { lang: Language; url: string; host: string; locations: Map<string, CatalogueLocation>; stamp: Date },
): string {
  const stamp = utc(opts.stamp);
  const name = pickText(item.name, opts.lang).text;
  const description = `${pickText(item.description, opts.lang).text}\n\n${opts.url}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Inloop//Cursussen en hulp//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  item.sessions.forEach((session, i) => {
    const location = opts.locations.get(session.locationId ?? item.locationIds[0] ?? '');
    const where = location ? [location.name, location.address, location.city].filter(Boolean).join(', ') : undefined;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${item.id}-${i}@${opts.host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utc(new Date(session.start))}`,
      `DTEND:${utc(new Date(session.end))}`,
      ...(session.rrule ? [`RRULE:${session.rrule}`] : []),
      `SUMMARY:${escapeText(name)}`,
      `DESCRIPTION:${escapeText(description)}`,
      ...(where ? [`LOCATION:${escapeText(where)}`] : []),
      `URL:${opts.url}`,
      item.status === 'temporarily_closed' ? 'STATUS:TENTATIVE' : 'STATUS:CONFIRMED',
      'END:VEVENT',
    );
  });
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function utc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), never inside a character. */
function fold(line: string): string {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  if (bytes(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let limit = 75;
  for (const ch of line) {
    if (bytes(current + ch) > limit) {
      parts.push(current);
      current = '';
      limit = 74; // the leading space counts
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
