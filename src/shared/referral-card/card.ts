import type { CatalogueItem, CatalogueLocation, CatalogueOrganization } from '../catalogue';
import { BRING } from '../catalogue';
import { LANGUAGES, pickText, type Language } from '../i18n-text';
import { formatReferralCode } from '../referrals';

/**
 * The referral card, once for both places it is shown: the desk's card (printed, full
 * screen; src/app/referrals/) and the public card page the QR code opens
 * (src/server/referrals/card-page.ts). This builds what the card says; each side renders it
 * and brings its own dates (the tablet's catalogue and clock, or the server's).
 * Texts: locales/<lang>.json beside this file, loaded into i18next by each side.
 */

type Bring = (typeof BRING)[number];
export type CardT = (key: string, vars?: Record<string, unknown>) => string;

/** A text in the card's language, with the Dutch beside it when the card is in another one. */
export interface Bilingual {
  text: string;
  nl?: string;
}

/** A line of catalogue text, marked Dutch when it had no translation. */
export interface CardLine {
  text: string;
  lang?: 'nl';
}

export interface CardSection {
  id: 'what' | 'where' | 'when' | 'appointment' | 'bring' | 'contact';
  heading: Bilingual;
  lines: CardLine[];
  links: Array<{ href: string; text: Bilingual }>;
  bring: Array<{ id: Bring; label: Bilingual }>;
}

export interface CardModel {
  lang: Language;
  dir: 'ltr' | 'rtl';
  title: Bilingual;
  from?: Bilingual;
  name: CardLine;
  sections: CardSection[];
  code: string;
  codeLabel: Bilingual;
  codeHint: Bilingual;
}

export interface CardInput {
  /** The visit's language; a card is in one of the six languages, Dutch for any other. */
  language: string | null | undefined;
  code: string;
  /** Where the visitor was: the library location's name. */
  library?: string;
  target: { kind: 'catalogue' | 'partner' | 'text'; label: string };
  item?: CatalogueItem;
  organization?: CatalogueOrganization;
  locations: CatalogueLocation[];
  /** The next sessions of a course, soonest first (at most three are shown). */
  sessions: Array<{ start: Date; end: Date }>;
  /** The follow-up appointment at the library, when one was set. */
  followUpAt?: string;
}

export interface CardFormat {
  /** "dinsdag 12 januari, 10:00–12:00" in the library's time. */
  session(start: Date, end: Date, lang: Language): string;
  /** "maandag 09:00–17:00" */
  hours(weekday: number, opens: string, closes: string, lang: Language): string;
  /** The appointment's date and time. */
  appointment(iso: string, lang: Language): string;
}

/** The card's language for a visit's language. */
export function cardLanguage(language: string | null | undefined): Language {
  return (LANGUAGES as readonly string[]).includes(language ?? '') ? (language as Language) : 'nl';
}

const RTL = new Set<Language>(['ar']);

export function addressLine(location: CatalogueLocation): string {
  return [location.name, location.address, [location.postalCode, location.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** A map search for the address (OpenStreetMap: no account, no tracking of the visitor). */
export function mapLink(location: CatalogueLocation): string {
  const query = [location.address, location.postalCode, location.city].filter(Boolean).join(', ') || location.name;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}

export function referralCard(input: CardInput, translate: (lang: Language) => CardT, format: CardFormat): CardModel {
  const lang = cardLanguage(input.language);
  const t = translate(lang);
  const tNl = translate('nl');
  const bi = (key: string, vars?: Record<string, unknown>): Bilingual =>
    lang === 'nl' ? { text: t(key, vars) } : { text: t(key, vars), nl: tNl(key, vars) };
  const catalogue = (text: Parameters<typeof pickText>[0]): CardLine => {
    const picked = pickText(text, lang);
    return picked.fellBack ? { text: picked.text, lang: 'nl' } : { text: picked.text };
  };
  const section = (
    id: CardSection['id'],
    heading: string,
    parts: Partial<Pick<CardSection, 'lines' | 'links' | 'bring'>>,
  ): CardSection => ({
    id,
    heading: bi(heading),
    lines: parts.lines ?? [],
    links: parts.links ?? [],
    bring: parts.bring ?? [],
  });

  const { item } = input;
  const sections: CardSection[] = [];
  if (item) {
    const description = catalogue(item.description);
    sections.push(section('what', 'goTo', { lines: [{ ...description, text: description.text.split(/\n{2,}/)[0]! }] }));
  }
  if (input.locations.length) {
    sections.push(
      section('where', 'where', {
        lines: input.locations.slice(0, 2).map((l) => ({ text: addressLine(l) })),
        links: input.locations.slice(0, 1).map((l) => ({ href: mapLink(l), text: bi('map') })),
      }),
    );
  }
  if (input.sessions.length) {
    sections.push(
      section('when', 'nextSessions', { lines: input.sessions.slice(0, 3).map((s) => ({ text: format.session(s.start, s.end, lang) })) }),
    );
  } else {
    const hours = item?.hours.length ? item.hours : (input.locations[0]?.hours ?? []);
    if (hours.length)
      sections.push(section('when', 'hours', { lines: hours.map((h) => ({ text: format.hours(h.weekday, h.opens, h.closes, lang) })) }));
  }
  if (input.followUpAt)
    sections.push(section('appointment', 'appointment', { lines: [{ text: format.appointment(input.followUpAt, lang) }] }));
  if (item?.bring.length)
    sections.push(section('bring', 'bring', { bring: item.bring.map((id) => ({ id, label: bi(`bringItems.${id}`) })) }));
  const phone = item?.signUp.phone ?? input.organization?.phone;
  const url = item?.url ?? item?.signUp.url ?? input.organization?.url;
  if (phone || url) {
    sections.push(
      section('contact', 'contact', {
        lines: [
          ...(phone ? [{ text: t('phone', { phone }) }] : []),
          ...(url ? [{ text: t('website', { url: url.replace(/^https?:\/\//, '').replace(/\/$/, '') }) }] : []),
        ],
      }),
    );
  }
  return {
    lang,
    dir: RTL.has(lang) ? 'rtl' : 'ltr',
    title: bi('title'),
    from: input.library ? bi('from', { library: input.library }) : undefined,
    name: item ? catalogue(item.name) : { text: input.target.label },
    sections,
    code: formatReferralCode(input.code),
    codeLabel: bi('code'),
    codeHint: bi('codeHint'),
  };
}

/**
 * Line pictures for what to bring (24×24, stroked), drawn for Inloop; decorative: the text
 * beside each says it. The same paths on the desk's card and the public page.
 */
export const BRING_PICTOGRAMS: Record<Bring, string[]> = {
  digid: ['M5 10h14v10H5z', 'M8 10V7a4 4 0 0 1 8 0v3', 'M12 14v2'],
  id: ['M3 6h18v12H3z', 'M6 10a2 2 0 1 0 4 0a2 2 0 1 0-4 0', 'M5.5 15.5c.5-1.5 1.5-2 2.5-2s2 .5 2.5 2', 'M13 10h5M13 13h5'],
  letter: ['M3 6h18v12H3z', 'M3 6l9 7 9-7'],
  bank_details: ['M3 6h18v12H3z', 'M3 10h18', 'M6 15h4'],
  phone: ['M8 3h8v18H8z', 'M11 18h2'],
  laptop: ['M5 5h14v10H5z', 'M2 19h20l-2-4H4z'],
  health_insurance_card: ['M3 6h18v12H3z', 'M12 9v6M9 12h6'],
  residence_permit: ['M6 3h12v18H6z', 'M9 8h6M9 11h6M9 14h3'],
};
