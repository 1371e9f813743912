/**
 * Reading a screen aloud with the browser's speech synthesis, in the visitor's
 * language, where the device has a voice for it. Says so when it has none.
 *
 * A screen mixes languages: the kiosk's own words are in the visitor's language,
 * but catalogue text without a translation is shown in Dutch (marked lang="nl").
 * Each piece is read with a voice for the language it is actually in, so an
 * Arabic voice never mangles a Dutch course description.
 */

/** A stretch of text in one language (BCP 47). */
export interface SpeechSegment {
  text: string;
  lang: string;
}

/** What to tell the visitor: no voice for their language, no speech at all, or some text left out. */
export type SpeechNote = 'noVoice' | 'unsupported' | 'otherLanguageSkipped';

export interface SpeechResult {
  speaking: boolean;
  note?: SpeechNote;
}

const BCP47: Record<string, string> = { nl: 'nl-NL', en: 'en-GB', ar: 'ar', tr: 'tr-TR', pl: 'pl-PL', uk: 'uk-UA' };

function voices(): Promise<SpeechSynthesisVoice[]> {
  const now = speechSynthesis.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  // Chromium loads its voice list asynchronously: wait briefly for it.
  return new Promise((resolve) => {
    const done = () => resolve(speechSynthesis.getVoices());
    speechSynthesis.addEventListener('voiceschanged', done, { once: true });
    setTimeout(done, 800);
  });
}

const tagOf = (lang: string) => lang.toLowerCase().replace(/_/g, '-');

/**
 * The voice for a language: an exact match (nl → nl-NL), else one of the same
 * language (ar → ar-SA). A voice on the device itself beats one that needs the
 * network, even an exact one: the kiosk must read aloud offline too.
 */
export function voiceFor(list: SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | undefined {
  const wanted = tagOf(BCP47[lang] ?? lang);
  const primary = wanted.split('-')[0];
  const exact = list.filter((v) => tagOf(v.lang) === wanted);
  const same = list.filter((v) => tagOf(v.lang).split('-')[0] === primary && !exact.includes(v));
  const ranked = [...exact, ...same];
  return ranked.find((v) => v.localService === true) ?? ranked[0];
}

/**
 * The visible text of an element in reading order, as segments per language:
 * each text's language is that of its closest element with a lang attribute
 * inside the root, else the visitor's. Skips what is marked data-no-speech.
 */
export function speakableSegments(root: HTMLElement, visitorLang: string): SpeechSegment[] {
  const segments: SpeechSegment[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (!text) return;
      const marked = node.parentElement?.closest<HTMLElement>('[lang]');
      const lang = marked && marked.lang && root.contains(marked) ? marked.lang : visitorLang;
      const last = segments[segments.length - 1];
      if (last && last.lang === lang) last.text += `. ${text}`;
      else segments.push({ text, lang });
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    if (node.hidden || node.dataset.noSpeech !== undefined || node.getAttribute('aria-hidden') === 'true') return;
    if (node instanceof HTMLInputElement) return;
    node.childNodes.forEach(walk);
  };
  walk(root);
  return segments.map((s) => ({ ...s, text: s.text.replace(/([.!?:])\.\s/g, '$1 ') }));
}

/**
 * Reads the segments one after another, each with its own language's voice.
 * Without a voice for the visitor's language nothing is read; a segment in a
 * language the device has no voice for is left out, and the result says so.
 */
export async function speak(segments: SpeechSegment[], visitorLang: string, onEnd: () => void): Promise<SpeechResult> {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined')
    return { speaking: false, note: 'unsupported' };
  const list = await voices();
  if (!voiceFor(list, visitorLang)) return { speaking: false, note: 'noVoice' };
  const voiced = segments.map((s) => ({ text: s.text, voice: voiceFor(list, s.lang) }));
  const said = voiced.filter((s): s is { text: string; voice: SpeechSynthesisVoice } => s.voice !== undefined);
  const note = said.length < voiced.length ? 'otherLanguageSkipped' : undefined;
  speechSynthesis.cancel();
  said.forEach(({ text, voice }, i) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9; // a little slower than usual: easier to follow
    // Only the last one ends the reading; stopping cancels the queue, which errors the last one too.
    if (i === said.length - 1) {
      utterance.onend = onEnd;
      utterance.onerror = onEnd;
    }
    speechSynthesis.speak(utterance);
  });
  return { speaking: said.length > 0, note };
}

export function stopSpeaking(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}
