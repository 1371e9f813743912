/**
 * Reading a screen aloud with the browser's speech synthesis, in the visitor's
 * language, where the device has a voice for it. Says so when it has none.
 */

export type SpeechOutcome = 'speaking' | 'noVoice' | 'unsupported';

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

export function voiceFor(list: SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | undefined {
  const wanted = BCP47[lang] ?? lang;
  return list.find((v) => v.lang.toLowerCase() === wanted.toLowerCase()) ?? list.find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === lang);
}

/** The visible text of an element, in reading order, skipping what is marked data-no-speech. */
export function speakableText(root: HTMLElement): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text) parts.push(text);
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    if (node.hidden || node.dataset.noSpeech !== undefined || node.getAttribute('aria-hidden') === 'true') return;
    if (node instanceof HTMLInputElement) return;
    node.childNodes.forEach(walk);
  };
  walk(root);
  return parts.join('. ').replace(/([.!?:])\.\s/g, '$1 ');
}

export async function speak(text: string, lang: string, onEnd: () => void): Promise<SpeechOutcome> {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return 'unsupported';
  const voice = voiceFor(await voices(), lang);
  if (!voice) return 'noVoice';
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9; // a little slower than usual: easier to follow
  utterance.onend = onEnd;
  utterance.onerror = onEnd;
  speechSynthesis.speak(utterance);
  return 'speaking';
}

export function stopSpeaking(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}
