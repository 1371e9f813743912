import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n';
import { speak, speakableSegments, stopSpeaking } from '../kiosk/speech';

/**
 * "Read aloud" for a screen handed to a visitor: reads what `screen()` shows, in the
 * visitor's language, and says so when the device has no voice for it. A new `page` (the
 * next question) stops the reading. Its words are the survey's (survey.json).
 */
export function ReadAloudTool({ screen, page }: { screen: () => HTMLElement | null | undefined; page: string }) {
  const { t, lang } = useT();
  const [reading, setReading] = useState(false);
  const [note, setNote] = useState<'noVoice' | 'unsupported' | undefined>();
  useEffect(() => {
    stopSpeaking();
    setReading(false);
    setNote(undefined);
  }, [page, lang]);
  useEffect(() => () => stopSpeaking(), []);

  const toggle = async () => {
    if (reading) {
      stopSpeaking();
      setReading(false);
      return;
    }
    const shown = screen();
    const result = await speak(shown ? speakableSegments(shown, lang) : [], lang, () => setReading(false));
    setReading(result.speaking);
    setNote(result.note === 'noVoice' || result.note === 'unsupported' ? result.note : undefined);
  };

  return (
    <div class="survey-tools">
      <button type="button" class="survey-tool" onClick={() => void toggle()}>
        <svg
          width="32"
          height="32"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          stroke-width="1.8"
          aria-hidden="true"
          focusable="false"
        >
          <path d="M4 9h4l5-4v14l-5-4H4z" />
          <path d="M16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11" />
        </svg>
        <span>{t(reading ? 'survey.stopReading' : 'survey.readAloud')}</span>
      </button>
      <p class="survey-note" role="status">
        {note === 'noVoice' ? t('survey.noVoice') : note === 'unsupported' ? t('survey.noSpeech') : ''}
      </p>
    </div>
  );
}
