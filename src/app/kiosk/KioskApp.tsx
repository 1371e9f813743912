import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { LANGUAGES, type Language } from '../../shared/languages';
import type { DeviceRecord } from '../db/database';
import { LANGUAGE_ENDONYMS } from '../i18n/format';
import { setKioskLanguage, useT } from '../i18n/i18n';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { Icon } from './icons';
import { useIdle } from './idle';
import { kioskSettingsStore, loadKioskSettings } from './kiosk-settings';
import { freshKioskState, go, kioskStore } from './kiosk-store';
import { ItemScreen, SearchScreen, StartScreen, TileScreen } from './screens';
import { speak, speakableSegments, stopSpeaking } from './speech';
import { lazyScreen } from '../shell/lazy-screen';

// Screens a visitor reaches after the start screen load when first opened (one chunk for the forms).
const KioskSurvey = lazyScreen(() => import('./KioskSurvey').then((m) => m.KioskSurvey));
const forms = () => import('./forms');
const InterestScreen = lazyScreen(() => forms().then((m) => m.InterestScreen));
const InterestDoneScreen = lazyScreen(() => forms().then((m) => m.InterestDoneScreen));
const HelpScreen = lazyScreen(() => forms().then((m) => m.HelpScreen));
const HelpDoneScreen = lazyScreen(() => forms().then((m) => m.HelpDoneScreen));
const ExitScreen = lazyScreen(() => forms().then((m) => m.ExitScreen));
import './kiosk.css';

/**
 * Starts the kiosk over for the next visitor: the start screen, in Dutch, with
 * every choice and entry gone, nothing being read aloud, normal contrast.
 */
export async function resetKiosk(): Promise<void> {
  stopSpeaking();
  kioskStore.setState(freshKioskState(), true);
  (document.activeElement as HTMLElement | null)?.blur?.();
  window.scrollTo(0, 0);
  await setKioskLanguage('nl');
}

function chooseLanguage(lang: Language) {
  stopSpeaking();
  kioskStore.setState({ language: lang, speechNote: undefined });
  void setKioskLanguage(lang);
}

/** The kiosk: a tablet on a stand that visitors use on their own (see docs/kiosk.md). */
export function KioskApp({ device }: { device: DeviceRecord }) {
  const { t, lang } = useT();
  const state = useStore(kioskStore, (s) => s);
  const idleSeconds = useStore(kioskSettingsStore, (s) => s.idleSeconds);
  const main = useRef<HTMLElement>(null);
  // The ref decides (the speech's end arrives between renders); the state labels the button, which stops while reading.
  const reading = useRef(false);
  const [readingShown, setReadingShown] = useState(false);
  const setReading = (on: boolean) => {
    reading.current = on;
    setReadingShown(on);
  };
  // "Some text left out": the store's speechNote has no value for it, so it lives here and,
  // like that note, goes with a new screen or language.
  const [skippedSome, setSkippedSome] = useState(false);

  useEffect(() => {
    void loadKioskSettings(db);
    void resetKiosk();
  }, []);
  // The kiosk's larger type, set before the first paint: set after it, the whole screen would jump.
  useLayoutEffect(() => {
    document.documentElement.classList.add('kiosk-mode');
    return () => document.documentElement.classList.remove('kiosk-mode');
  }, []);

  const onIdle = useCallback(() => void resetKiosk(), []);
  useIdle(idleSeconds, onIdle);

  // Each new screen: to the top, and the heading focused so a screen reader announces it.
  const screenKey = JSON.stringify(state.screen);
  useEffect(() => {
    window.scrollTo(0, 0);
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [screenKey]);
  useEffect(() => setSkippedSome(false), [screenKey, lang]);

  const readAloud = async () => {
    if (reading.current) {
      stopSpeaking();
      setReading(false);
      kioskStore.setState({ speechNote: undefined });
      setSkippedSome(false);
      return;
    }
    const { speaking, note } = await speak(main.current ? speakableSegments(main.current, lang) : [], lang, () => setReading(false));
    setReading(speaking);
    kioskStore.setState({ speechNote: note === 'noVoice' || note === 'unsupported' ? note : undefined });
    setSkippedSome(note === 'otherLanguageSkipped');
  };

  const screen = state.screen;
  return (
    <div class={`kiosk${state.highContrast ? ' contrast' : ''}`}>
      <header class="kiosk-bar">
        <nav class="kiosk-languages" aria-label={t('kiosk.language')}>
          {LANGUAGES.map((l) => (
            <button
              type="button"
              key={l}
              lang={l}
              dir={l === 'ar' ? 'rtl' : 'ltr'}
              aria-pressed={state.language === l}
              onClick={() => chooseLanguage(l)}
            >
              {LANGUAGE_ENDONYMS[l]}
            </button>
          ))}
        </nav>
        <div class="kiosk-tools" role="group" aria-label={t('kiosk.toolbar')}>
          <button type="button" class="kiosk-tool" onClick={() => void readAloud()}>
            <Icon name="speaker" />
            <span>{t(readingShown ? 'kiosk.stopReading' : 'kiosk.readAloud')}</span>
          </button>
          <button
            type="button"
            class="kiosk-tool"
            aria-pressed={state.highContrast}
            onClick={() => kioskStore.setState({ highContrast: !state.highContrast })}
          >
            <Icon name="contrast" />
            <span>{t('kiosk.contrast')}</span>
          </button>
        </div>
      </header>
      <p class="kiosk-note" role="status">
        {state.speechNote === 'noVoice'
          ? t('kiosk.noVoice')
          : state.speechNote === 'unsupported'
            ? t('kiosk.noSpeech')
            : skippedSome
              ? t('kiosk.noVoiceOther')
              : ''}
      </p>
      <main id="main" ref={main} class="kiosk-main" data-screen={screen.name}>
        {screen.name === 'start' ? (
          <StartScreen />
        ) : screen.name === 'tile' ? (
          <TileScreen topic={screen.topic} locationId={device.location.id} />
        ) : screen.name === 'item' ? (
          <ItemScreen itemId={screen.itemId} topic={screen.topic} locationId={device.location.id} />
        ) : screen.name === 'interest' ? (
          <InterestScreen itemId={screen.itemId} topic={screen.topic} device={device} />
        ) : screen.name === 'interestDone' ? (
          <InterestDoneScreen />
        ) : screen.name === 'help' ? (
          <HelpScreen topic={screen.topic} device={device} />
        ) : screen.name === 'helpDone' ? (
          <HelpDoneScreen number={screen.number} />
        ) : screen.name === 'search' ? (
          <SearchScreen locationId={device.location.id} />
        ) : screen.name === 'survey' ? (
          <KioskSurvey device={device} />
        ) : (
          <ExitScreen />
        )}
      </main>
      <footer class="kiosk-footer">
        {screen.name !== 'help' && screen.name !== 'helpDone' && screen.name !== 'exit' ? (
          <button
            type="button"
            class="kiosk-help"
            onClick={() => go({ name: 'help', topic: 'topic' in screen ? screen.topic : undefined })}
          >
            <Icon name="volunteer" size={40} />
            <span>{t('kiosk.askHelp')}</span>
          </button>
        ) : null}
        {screen.name !== 'start' ? (
          <button type="button" class="kiosk-home" onClick={() => go({ name: 'start' })}>
            <Icon name="home" />
            <span>{t('kiosk.home')}</span>
          </button>
        ) : null}
        <button type="button" class="kiosk-staff" onClick={() => go({ name: 'exit' })}>
          <Icon name="lock" size={24} />
          <span>{t('kiosk.exit.open')}</span>
        </button>
      </footer>
    </div>
  );
}
