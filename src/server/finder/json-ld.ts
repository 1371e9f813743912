import type { CatalogueItem, CatalogueLocation, CatalogueOrganization } from '../../shared/catalogue';
import { pickText, type Language } from '../../shared/i18n-text';
import type { Occurrence } from './occurrences';

/**
 * schema.org structured data for search engines (JSON-LD): a course is a Course with
 * a CourseInstance per coming meeting and an Event for each; help is a Service, or a
 * GovernmentService when it is about the digital government. Which properties are
 * there follows Google's documentation of Course and Event results (see docs/finder.md).
 */

export interface LdContext {
  lang: Language;
  url: string;
  provider: CatalogueOrganization | undefined;
  libraryName: string;
  locations: Map<string, CatalogueLocation>;
  occurrences: Occurrence[];
}

type Ld = Record<string, unknown>;

function place(location: CatalogueLocation | undefined): Ld | undefined {
  if (!location) return undefined;
  return {
    '@type': 'Place',
    name: location.name,
    address: {
      '@type': 'PostalAddress',
      ...(location.address ? { streetAddress: location.address } : {}),
      ...(location.city ? { addressLocality: location.city } : {}),
      addressCountry: 'NL',
    },
  };
}

function organization(org: CatalogueOrganization | undefined, fallbackName: string): Ld {
  return {
    '@type': 'Organization',
    name: org?.name ?? fallbackName,
    ...(org?.url ? { url: org.url } : {}),
    ...(org?.phone ? { telephone: org.phone } : {}),
  };
}

const COURSE_MODE = { in_person: 'Onsite', online: 'Online', blended: 'Blended' } as const;
const ATTENDANCE = {
  in_person: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  blended: 'https://schema.org/MixedEventAttendanceMode',
} as const;

function offer(item: CatalogueItem, url: string): Ld {
  return {
    '@type': 'Offer',
    price: item.cost.free ? 0 : item.cost.amountEur,
    priceCurrency: 'EUR',
    url,
    category: item.cost.free ? 'Free' : 'Paid',
  };
}

function eventLocation(item: CatalogueItem, occurrence: Occurrence, ctx: LdContext): Ld {
  const at = place(ctx.locations.get(occurrence.locationId ?? item.locationIds[0] ?? ''));
  if (item.format === 'online' || !at) return { '@type': 'VirtualLocation', url: item.url ?? ctx.url };
  return at;
}

export function courseJsonLd(item: CatalogueItem, ctx: LdContext): Ld[] {
  const name = pickText(item.name, ctx.lang).text;
  const description = pickText(item.description, ctx.lang).text;
  const provider = organization(ctx.provider, ctx.libraryName);
  const instances = ctx.occurrences.map((o) => ({
    '@type': 'CourseInstance',
    courseMode: COURSE_MODE[item.format],
    startDate: o.start.toISOString(),
    endDate: o.end.toISOString(),
    location: eventLocation(item, o, ctx),
  }));
  const course: Ld = {
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': `${ctx.url}#course`,
    name,
    description,
    url: ctx.url,
    provider,
    inLanguage: item.languages,
    isAccessibleForFree: item.cost.free,
    educationalLevel: item.level,
    offers: [offer(item, ctx.url)],
    ...(instances.length ? { hasCourseInstance: instances } : {}),
  };
  const events = ctx.occurrences.map((o) => ({
    '@context': 'https://schema.org',
    '@type': 'Event',
    name,
    description,
    startDate: o.start.toISOString(),
    endDate: o.end.toISOString(),
    eventStatus: item.status === 'temporarily_closed' ? 'https://schema.org/EventPostponed' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: ATTENDANCE[item.format],
    location: eventLocation(item, o, ctx),
    organizer: provider,
    offers: offer(item, ctx.url),
    url: ctx.url,
    inLanguage: item.languages[0],
  }));
  return [course, ...events];
}

const WEEKDAY = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function serviceJsonLd(item: CatalogueItem, ctx: LdContext): Ld[] {
  const locations = item.locationIds.flatMap((id) => (ctx.locations.get(id) ? [ctx.locations.get(id)!] : []));
  const hours = item.hours.length ? item.hours : (locations[0]?.hours ?? []);
  const service: Ld = {
    '@context': 'https://schema.org',
    '@type': item.themes.includes('digital_government') ? 'GovernmentService' : 'Service',
    '@id': `${ctx.url}#service`,
    name: pickText(item.name, ctx.lang).text,
    description: pickText(item.description, ctx.lang).text,
    url: ctx.url,
    provider: organization(ctx.provider, ctx.libraryName),
    serviceType: item.themes[0],
    availableLanguage: item.languages,
    isAccessibleForFree: item.cost.free,
    ...(hours.length
      ? {
          hoursAvailable: hours.map((h) => ({
            '@type': 'OpeningHoursSpecification',
            dayOfWeek: `https://schema.org/${WEEKDAY[h.weekday]}`,
            opens: h.opens,
            closes: h.closes,
          })),
        }
      : {}),
    availableChannel: {
      '@type': 'ServiceChannel',
      ...(locations[0] ? { serviceLocation: place(locations[0]) } : {}),
      ...(item.signUp.url || item.url ? { serviceUrl: item.signUp.url ?? item.url } : {}),
      ...(item.signUp.phone ? { servicePhone: { '@type': 'ContactPoint', telephone: item.signUp.phone } } : {}),
    },
    ...(locations.length ? { areaServed: locations.map((l) => l.city).filter(Boolean)[0] } : {}),
  };
  return [service];
}

/** Puts data into a <script type="application/ld+json">: "<" written as \u003c so no text can close the element. */
export function jsonLdScript(data: Ld | Ld[]): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
