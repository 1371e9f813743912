import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  isValidBsn,
  isValidIban,
  personalDataKinds,
  redactPersonalDataDeep,
  removeFinding,
} from '../../src/shared/privacy';
import { visitSchema } from '../../src/shared/visit';
import { uuidv7 } from '../../src/shared/ids';
import { makeVisit } from '../helpers/visits';

/**
 * The privacy guard, with real checksums. Valid BSNs pass the eleven-test
 * (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11); valid IBANs have mod-97 remainder 1.
 * The values below were computed for this test; none belongs to a person.
 */
export const VALID_BSNS = [
  '123456782',
  '111222333',
  '628194821',
  '252760189',
  '507529170',
  '121547280',
  '385280841',
  '353799075',
  '805888718',
  '167868433',
];
export const INVALID_BSNS = [
  '123456789',
  '111222334',
  '526018159',
  '186091390',
  '996030824',
  '993518190',
  '937865797',
  '543231948',
  '757491186',
  '555979711',
];
export const VALID_IBANS = [
  'NL44RABO0123456789',
  'NL20INGB0001234567',
  'NL02ABNA0123456789',
  'NL63TRIO0212345678',
  'NL91 ABNA 0417 1643 00',
  'BE68539007547034',
  'DE89 3704 0044 0532 0130 00',
  'FR14 2004 1010 0505 0001 3M02 606',
  'GB29 NWBK 6016 1331 9268 19',
  'ES9121000418450200051332',
  'PL61109010140000071219812874',
  'TR690006100000001234567890',
];
export const INVALID_IBANS = [
  'NL44RABO0123456788', // one digit off
  'NL45RABO0123456789', // wrong check digits
  'NL02ABNA0123456798', // two digits swapped
  'NL44RABO012345678', // too short for NL
  'GB28 NWBK 6016 1331 9268 19',
  'DE89370400440532013001',
  'BE68539007547035',
];
export const PHONES = [
  '06-12345678',
  '06 1234 5678',
  '0612345678',
  '06 12 34 56 78',
  '020-1234567',
  '020 123 4567',
  '0201234567',
  '0591-123456',
  '(020) 123 4567',
  '+31 6 12345678',
  '+31612345678',
  '+31 (0)6 12345678',
  '0031 6 12345678',
  '+31 20 123 4567',
  '+44 20 7946 0958',
  '+32 2 123 45 67',
  '+49 30 12345678',
  '+90 532 123 45 67',
];
export const EMAILS = [
  'jan.jansen@example.nl',
  'a.de-vries+post@mail.example.com',
  'info@bibliotheek-voorbeeld.nl',
  'Fatima_El@EXAMPLE.ORG',
];
export const DATES = [
  '12-03-1960',
  '12/3/60',
  '1-1-1948',
  '12.03.1960',
  '1960-03-12',
  '12 maart 1960',
  '3 mrt. 1955',
  '1 januari 2001',
  "5 mei '45",
  'March 12, 1960',
  '12 March 1960',
];
export const NAMES: Array<[string, string]> = [
  ['mevrouw Jansen wilde haar DigiD aanvragen', 'Jansen'],
  ['Meneer de Vries kwam voor de belastingaangifte', 'de Vries'],
  ['geholpen: mevr. Bakker', 'Bakker'],
  ['mw. Van Dijk belde later', 'Van Dijk'],
  ['dhr. Ahmed El Amrani, toeslagen', 'Ahmed El Amrani'],
  ['hr. Öztürk had een brief', 'Öztürk'],
  ['samen met de heer Pietersen ingevuld', 'Pietersen'],
  ['brief van mr. Visser (advocaat)', 'Visser'],
];
/** Real Dutch streets with a house number, as a volunteer might type them, and the part that is the address. */
export const ADDRESSES: Array<[string, string]> = [
  ['woont op Kerkstraat 12, 6211 AB Maastricht', 'Kerkstraat 12'],
  ['Burgemeester van Roijensingel 3a', 'Burgemeester van Roijensingel 3a'],
  ['Laan van Meerdervoort 50 in Den Haag', 'Laan van Meerdervoort 50'],
  ['Oudegracht 231, Utrecht', 'Oudegracht 231'],
  ['Prins Hendrikkade 99-2', 'Prins Hendrikkade 99-2'],
  ['Coolsingel 40 Rotterdam', 'Coolsingel 40'],
  ['Stationsweg 12 B', 'Stationsweg 12 B'],
  ['Nieuwe Binnenweg 123b', 'Nieuwe Binnenweg 123b'],
  ['Van Baerlestraat 33', 'Van Baerlestraat 33'],
  ['Museumplein 6', 'Museumplein 6'],
  ['Grote Markt 1', 'Grote Markt 1'],
  ['Oudezijds Voorburgwal 12', 'Oudezijds Voorburgwal 12'],
  ['Keizerskade 4hs', 'Keizerskade 4hs'],
  ['Schermerhornstraat 7bis', 'Schermerhornstraat 7bis'],
  ['Zeedijk 1', 'Zeedijk 1'],
  ['Binnenhof 1a', 'Binnenhof 1a'],
  ['Vondelpark 3', 'Vondelpark 3'],
  ['Churchilllaan 11', 'Churchilllaan 11'],
  ['Weg der Verenigde Naties 1', 'Weg der Verenigde Naties 1'],
  ['Hoogstraat 3 Eindhoven', 'Hoogstraat 3'],
  ['Heilige Geeststeeg 2', 'Heilige Geeststeeg 2'],
  ['Parkdreef 125', 'Parkdreef 125'],
  ['Molenpad 8', 'Molenpad 8'],
  ['6211 AB 12', '6211 AB 12'],
  ['postcode 3512JE 31', '3512JE 31'],
  ['1234 ab, nr. 5', '1234 ab, nr. 5'],
  ['postcode 1234 AB en huisnummer 12', '1234 AB en huisnummer 12'],
];
/** Lookalikes of an address that must pass: a postcode alone, rooms, times, amounts, quantities, years, ordinary words. */
export const NOT_ADDRESSES = [
  'postcode 1234 AB',
  'woont in 6211 AB Maastricht',
  'cursus in zaal 2',
  'zaal 2 om 14:00',
  'lokaal 3, tweede verdieping',
  'balie 2',
  'om 10:30 terugkomen',
  'kosten € 12,50',
  'Kerkstraat 10:30 afgesproken', // a place and a time, no house number
  'was onderweg 2 uur',
  'de weg 2 keer uitgelegd',
  'Stationsweg 5 minuten lopen',
  'Stationsplein 5 euro parkeren',
  'Oefenen.nl leerpad 3',
  'Huurtoeslag 2024 aangevraagd',
  'Arbeidsmarkt 2024 besproken',
  'Klik & Tik deel 2',
  'Windows 11 op de laptop',
  'bus 12 naar het station',
  'Park 3',
  'woont aan de Kerkstraat',
  'Noorwegen 2 jaar gewoond',
  'Kerkstraat 3 vragen',
];

/** Ordinary desk notes that must pass untouched. */
export const CLEAN = [
  'om 10:30 terugkomen',
  'duurde 2 uur',
  'kosten € 1.234,56',
  'postcode 1234 AB',
  'Belastingaangifte 2024 ingevuld',
  'afspraak 12 maart om 14:00',
  'vervolgafspraak op 3 december',
  'Mevrouw kwam voor DigiD, meneer wachtte buiten',
  'meneer wilde een cursus Klik & Tik',
  'tussen 2019-2024 geen aangifte gedaan',
  'wachttijd 45 min, 3 vragen',
  'DigiD-app op telefoon gezet, sms-code werkte',
  'bedrag 123.456,00 euro',
  'nummer 12345',
  'tel. nr. niet genoteerd',
  'Bel UWV 0800',
];

const kinds = (text: string) => findPersonalData(text).map((f) => f.kind);

describe('BSN', () => {
  it.each(VALID_BSNS)('flags %s, which passes the eleven-test, bare and with dots or spaces', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
    expect(kinds(`BSN ${bsn} gecontroleerd`)).toEqual(['bsn']);
    const dotted = `${bsn.slice(0, 4)}.${bsn.slice(4, 6)}.${bsn.slice(6)}`;
    expect(findPersonalData(`nummer ${dotted}`)).toEqual([{ kind: 'bsn', start: 7, end: 7 + dotted.length, match: dotted }]);
    expect(kinds(`${bsn.slice(0, 3)} ${bsn.slice(3, 6)} ${bsn.slice(6)}`)).toEqual(['bsn']);
  });

  it.each(INVALID_BSNS)('does not flag %s, which fails the eleven-test', (number) => {
    expect(isValidBsn(number)).toBe(false);
    expect(kinds(`klantnummer ${number}`)).toEqual([]);
  });

  it('needs exactly nine digits and not all zeros', () => {
    expect(isValidBsn('000000000')).toBe(false);
    expect(kinds('1234567820')).not.toContain('bsn');
    expect(kinds('01234567820')).not.toContain('bsn');
  });
});

describe('IBAN', () => {
  it.each(VALID_IBANS)('flags %s, whose mod-97 checksum is right', (iban) => {
    expect(isValidIban(iban)).toBe(true);
    const text = `rekening ${iban} bij de bank`;
    expect(findPersonalData(text)).toEqual([{ kind: 'iban', start: 9, end: 9 + iban.length, match: iban }]);
    expect(kinds(iban.toLowerCase())).toEqual(['iban']);
  });

  it.each(INVALID_IBANS)('does not flag %s as an IBAN: the checksum or length is wrong', (iban) => {
    expect(isValidIban(iban)).toBe(false);
    expect(kinds(`rekening ${iban}`)).not.toContain('iban');
  });
});

describe('phone numbers', () => {
  it.each(PHONES)('flags %s', (phone) => {
    expect(findPersonalData(`bel ${phone} na vijven`)).toEqual([{ kind: 'phone', start: 4, end: 4 + phone.length, match: phone }]);
  });

  it('does not take dates, times, amounts, postcodes or a BSN-like number for a phone number', () => {
    for (const text of ['01-03-1960', '10:30', '€ 1.234,56', '1234 AB', '526018159', '2023', '0612345', '061234567890'])
      expect(kinds(text)).not.toContain('phone');
  });
});

describe('e-mail addresses', () => {
  it.each(EMAILS)('flags %s', (email) => {
    expect(findPersonalData(`mail naar ${email}.`)).toEqual([{ kind: 'email', start: 10, end: 10 + email.length, match: email }]);
  });
  it('leaves an @ without an address alone', () => {
    expect(kinds('vraag @ balie, of per mail')).toEqual([]);
  });
});

describe('dates of birth', () => {
  it.each(DATES)('flags %s, a full date with a year', (date) => {
    expect(findPersonalData(`geboren ${date}`)).toEqual([{ kind: 'dateOfBirth', start: 8, end: 8 + date.length, match: date }]);
  });
  it('leaves dates without a year, impossible dates and bare years alone', () => {
    for (const text of ['12 maart', 'op 3/12', '32-01-1960', '12-13-1960', 'in 1960', '31-02-1960']) expect(kinds(text)).toEqual([]);
  });
});

describe('names after a form of address', () => {
  it.each(NAMES)('flags the name in "%s"', (text, name) => {
    const found = findPersonalData(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'name', match: name });
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(name);
  });
});

describe('addresses', () => {
  it.each(ADDRESSES)('flags the address in "%s"', (text, address) => {
    const found = findPersonalData(text);
    expect(found.map((f) => f.kind)).toEqual(['address']);
    expect(found[0]!.match).toBe(address);
  });

  it.each(NOT_ADDRESSES)('leaves "%s" alone', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('is refused in a note by the shared visit schema, and redacted as [address]', () => {
    const result = visitSchema.safeParse(
      makeVisit({ deviceId: uuidv7(), location: { id: uuidv7() } }, { note: 'woont op Kerkstraat 12, 6211 AB Maastricht' }),
    );
    expect(result.error!.issues[0]).toMatchObject({ path: ['note'], message: 'contains personal data: address' });
    expect(redactPersonalDataDeep({ note: 'woont op Kerkstraat 12, postcode 6211 AB 12' })).toEqual({
      note: 'woont op [address], postcode [address]',
    });
  });
});

describe('ordinary notes', () => {
  it.each(CLEAN)('leaves "%s" alone', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe('several findings in one note', () => {
  it('reports each once, in order, with its kind, and can remove them one by one', () => {
    const text = 'Mevrouw Jansen, BSN 123456782, tel 06-12345678, IBAN NL91ABNA0417164300, mail j@example.nl, geb. 12-03-1960';
    const found = findPersonalData(text);
    expect(found.map((f) => f.kind)).toEqual(['name', 'bsn', 'phone', 'iban', 'email', 'dateOfBirth']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.match);
    expect(personalDataKinds(text)).toEqual(['bsn', 'iban', 'email', 'phone', 'dateOfBirth', 'name']);
    let rest = text;
    for (let next = findPersonalData(rest)[0]; next; next = findPersonalData(rest)[0]) rest = removeFinding(rest, next);
    expect(rest).toBe('Mevrouw, BSN, tel, IBAN, mail, geb.');
    expect(findPersonalData(rest)).toEqual([]);
  });

  it('does not read the digits inside an IBAN as a phone number or BSN', () => {
    expect(kinds('NL91ABNA0417164300')).toEqual(['iban']);
  });
});

describe('the shared visit schema refuses personal data (so the tablet and the server both do)', () => {
  const device = { deviceId: uuidv7(), location: { id: uuidv7() } };

  it.each([
    ['BSN 123456782', 'bsn'],
    ['NL91 ABNA 0417 1643 00', 'iban'],
    ['jan@example.nl', 'email'],
    ['+31 6 12345678', 'phone'],
    ['geboren 12-03-1960', 'dateOfBirth'],
    ['meneer Jansen', 'name'],
  ])('refuses the note "%s" with the reason "%s"', (note, kind) => {
    const result = visitSchema.safeParse(makeVisit(device, { note }));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['note'], message: `contains personal data: ${kind}` });
  });

  it('names every kind found, in a fixed order', () => {
    const result = visitSchema.safeParse(makeVisit(device, { note: 'tel 0612345678, BSN 111222333' }));
    expect(result.error!.issues[0]!.message).toBe('contains personal data: bsn, phone');
  });

  it('refuses free-text referrals with personal data, and accepts clean ones', () => {
    const referral = (text: string) =>
      makeVisit(device, {
        questions: [
          {
            helpKind: 'referral',
            domain: 'digital_government',
            organisation: 'gemeente',
            topic: 'municipal',
            outcome: 'referred',
            referrals: [{ target: { kind: 'text', text }, mode: 'logged' }],
          },
        ],
      });
    const refused = visitSchema.safeParse(referral('Wijkteam, bel 020-1234567'));
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]!.message).toBe('contains personal data: phone');
    expect(visitSchema.safeParse(referral('Wijkteam Noord, inloop op dinsdag')).success).toBe(true);
  });

  it.each(CLEAN)('accepts the note "%s"', (note) => {
    expect(visitSchema.safeParse(makeVisit(device, { note })).success).toBe(true);
  });
});

describe('redacting what a refused record held', () => {
  it('replaces each finding by its kind and leaves ids, timestamps and clean text as they were', () => {
    const payload = {
      id: '01a210f6-2bd1-7d90-8bf5-26a391638381',
      startedAt: '2026-11-25T04:28:18.257Z',
      note: 'BSN 123456782 en mail jan@example.nl, geboren 12-03-1960',
      questions: [{ topic: 'digid', referrals: [{ target: { kind: 'text', text: 'bel meneer Jansen op 06-12345678' } }] }],
      durationSeconds: 420,
      returning: null,
    };
    expect(redactPersonalDataDeep(payload)).toEqual({
      ...payload,
      note: 'BSN [bsn] en mail [email], geboren [dateOfBirth]',
      questions: [{ topic: 'digid', referrals: [{ target: { kind: 'text', text: 'bel meneer [name] op [phone]' } }] }],
    });
  });
});
