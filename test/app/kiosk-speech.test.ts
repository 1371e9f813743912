// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { h } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { KioskApp } from '../../src/app/kiosk/KioskApp';
import { go } from '../../src/app/kiosk/kiosk-store';
import { voiceFor } from '../../src/app/kiosk/speech';
import { initI18n, loadLanguage } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import type { DeviceRecord } from '../../src/app/db/database';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';
import type { CatalogueItem } from '../../src/shared/catalogue';

/** Just what the kiosk reads of a voice; localService left out where a browser leaves it out. */
function voice(lang: string, localService?: boolean, name = `${lang}${localService === false ? ' (online)' : ''}`): SpeechSynthesisVoice {
  return { lang, name, localService, default: false, voiceURI: name } as SpeechSynthesisVoice;
}

class FakeUtterance {
  voice: SpeechSynthesisVoice | null = null;
  lang = '';
  rate = 1;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(public text: string) {}
}

/** A browser's speech synthesis: a queue read out until it is cancelled or each utterance is told to end. */
const synth = {
  voices: [] as SpeechSynthesisVoice[],
  queue: [] as FakeUtterance[],
  spoken: [] as FakeUtterance[],
  getVoices: () => synth.voices,
  addEventListener: () => undefined,
  speak(u: FakeUtterance) {
    synth.queue.push(u);
    synth.spoken.push(u);
  },
  cancel() {
    const dropped = synth.queue;
    synth.queue = [];
    for (const u of dropped) u.onerror?.();
  },
  finish() {
    const done = synth.queue;
    synth.queue = [];
    for (const u of done) u.onend?.();
  },
};

describe('choosing a voice for a language', () => {
  it('takes the exact voice for the language before one of a neighbouring country', () => {
    expect(voiceFor([voice('nl-BE'), voice('nl-NL'), voice('en-GB')], 'nl')?.lang).toBe('nl-NL');
    expect(voiceFor([voice('en-US'), voice('en-GB')], 'en')?.lang).toBe('en-GB');
  });

  it('takes any voice of the language when there is no exact one: Arabic from Saudi Arabia for Arabic', () => {
    expect(voiceFor([voice('nl-NL'), voice('ar-SA')], 'ar')?.lang).toBe('ar-SA');
    expect(voiceFor([voice('uk_UA')], 'uk')?.lang).toBe('uk_UA');
    expect(voiceFor([voice('nl-NL'), voice('ar-SA')], 'tr')).toBeUndefined();
  });

  it('prefers a voice on the device to one that needs the network, where the browser tells', () => {
    expect(voiceFor([voice('nl-NL', false), voice('nl-NL', true, 'Xander')], 'nl')?.name).toBe('Xander');
    expect(voiceFor([voice('nl-NL', false), voice('nl-BE', true)], 'nl')?.lang).toBe('nl-BE');
    expect(voiceFor([voice('ar-EG', false), voice('ar-SA', true)], 'ar')?.lang).toBe('ar-SA');
    // A browser that says nothing about it: the exact match still wins.
    expect(voiceFor([voice('pl'), voice('pl-PL')], 'pl')?.lang).toBe('pl-PL');
  });
});

// --- The read-aloud button on a real kiosk screen ---

const location = demoCatalogue.locations[0]!;
const device: DeviceRecord = {
  deviceId: 'kiosk-1',
  token: 'token',
  kind: 'kiosk',
  location: { id: location.id, name: location.name },
  organisation: { id: 'org', name: 'Bibliotheek' },
  enrolledAt: new Date().toISOString(),
};
const base = demoCatalogue.items.find((i) => i.kind === 'course')!;
/** A course whose name is translated into Arabic but whose description is only in Dutch. */
const course: CatalogueItem = {
  ...base,
  id: '01900000-0000-7000-8000-00000000c0de',
  name: { nl: 'Klik & Tik', ar: 'انقر واكتب' },
  description: { nl: 'Leer werken met de computer, stap voor stap.' },
  signUp: { ...base.signUp, note: undefined },
};

beforeAll(async () => {
  await initI18n('nl');
  await Promise.all([loadLanguage('nl'), loadLanguage('ar')]);
  window.scrollTo = () => undefined;
  Object.assign(globalThis, { speechSynthesis: synth, SpeechSynthesisUtterance: FakeUtterance });
  await db.catalogue.bulkPut([
    ...demoCatalogue.locations.map((l) => ({ id: l.id, entity: 'location' as const, data: l })),
    { id: course.id, entity: 'item' as const, data: course },
  ]);
});
beforeEach(() => {
  synth.queue = [];
  synth.spoken = [];
});
afterEach(() => cleanup());

async function courseInArabic() {
  render(h(KioskApp, { device }));
  // The kiosk starts over in Dutch when it opens; then the visitor picks Arabic.
  await screen.findByRole('button', { name: 'Voorlezen' });
  fireEvent.click(screen.getByRole('button', { name: 'العربية' }));
  const button = await screen.findByRole('button', { name: 'اقرأ بصوت عالٍ' });
  go({ name: 'item', itemId: course.id });
  await screen.findByRole('heading', { name: 'انقر واكتب' });
  return button;
}

describe('reading a screen aloud', () => {
  it('reads the kiosk’s words with an Arabic voice and the Dutch-only description with a Dutch voice', async () => {
    synth.voices = [voice('en-GB'), voice('ar-SA'), voice('nl-NL')];
    fireEvent.click(await courseInArabic());
    await waitFor(() => expect(synth.spoken.length).toBeGreaterThan(1));

    const description = synth.spoken.find((u) => u.text.includes('Leer werken met de computer'))!;
    expect(description.voice?.lang).toBe('nl-NL');
    expect(description.lang).toBe('nl-NL');
    expect(description.text).not.toMatch(/[\u0600-\u06FF]/);
    const name = synth.spoken.find((u) => u.text.includes('انقر واكتب'))!;
    expect(name.voice?.lang).toBe('ar-SA');
    // The "only in Dutch" note is the kiosk's own text: read in Arabic.
    expect(synth.spoken.find((u) => u.text.includes('هذا النص متوفر باللغة الهولندية فقط'))?.voice?.lang).toBe('ar-SA');
    // Nothing in Arabic is given to the Dutch voice.
    for (const u of synth.spoken.filter((x) => x.voice?.lang === 'nl-NL')) expect(u.text).not.toMatch(/[\u0600-\u06FF]/);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('leaves out the Dutch description when the tablet has no Dutch voice, and says so in Arabic', async () => {
    synth.voices = [voice('ar-SA'), voice('en-GB')];
    fireEvent.click(await courseInArabic());
    await waitFor(() => expect(synth.spoken.length).toBeGreaterThan(0));

    expect(synth.spoken.every((u) => u.voice?.lang === 'ar-SA')).toBe(true);
    expect(synth.spoken.some((u) => u.text.includes('Leer werken met de computer'))).toBe(false);
    expect(synth.spoken.some((u) => u.text.includes('انقر واكتب'))).toBe(true);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'لا يُقرأ النص المكتوب بلغة أخرى بصوت عالٍ: لا يوجد على هذا الجهاز صوت لتلك اللغة.',
      ),
    );
  });

  it('reads nothing and says so when the tablet has no voice for the visitor’s language', async () => {
    synth.voices = [voice('nl-NL'), voice('en-GB')];
    fireEvent.click(await courseInArabic());
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('لا يستطيع هذا الجهاز القراءة بصوت عالٍ بهذه اللغة.'));
    expect(synth.spoken).toEqual([]);
  });

  it('stops when the button is pressed again while reading, and reads anew once it has finished', async () => {
    synth.voices = [voice('ar-SA'), voice('nl-NL')];
    const button = await courseInArabic();
    fireEvent.click(button);
    await waitFor(() => expect(synth.queue.length).toBeGreaterThan(0));
    const first = synth.spoken.length;
    // While reading, the same button says it stops.
    await screen.findByRole('button', { name: 'أوقف القراءة' });

    fireEvent.click(button);
    await waitFor(() => expect(synth.queue).toEqual([]));
    expect(synth.spoken.length).toBe(first);

    fireEvent.click(button);
    await waitFor(() => expect(synth.spoken.length).toBe(2 * first));
    synth.finish();
    await screen.findByRole('button', { name: 'اقرأ بصوت عالٍ' });
    fireEvent.click(button); // finished: this press reads again rather than stopping
    await waitFor(() => expect(synth.spoken.length).toBe(3 * first));
  });
});
