import { useEffect, useRef, useState } from 'preact/hooks';
import { LANGUAGES, type Language } from '../../shared/i18n-text';
import { KIOSK_TOPICS, type KioskTopic } from '../../shared/kiosk-constants';
import type { TopicId } from '../../shared/taxonomy';
import type { DeviceRecord } from '../db/database';
import { useLiveQuery } from '../db/use-live-query';
import { useT } from '../i18n/i18n';
import { InterestDoneScreen, InterestScreen } from '../kiosk/forms';
import { itemsForTile, type KioskItem } from '../kiosk/kiosk-catalogue';
import { kioskSettingsStore } from '../kiosk/kiosk-settings';
import { freshInterest, kioskStore } from '../kiosk/kiosk-store';
import { loadLocationProfile } from '../location/location-profile';
import { ItemCard, OnlyDutchNote } from '../kiosk/ItemCard';
import { stopSpeaking } from '../kiosk/speech';
import { db } from '../services';
import { ReadAloudTool } from './ReadAloudTool';
import '../kiosk/kiosk.css';
import './survey.css';

/** How many courses the visitor is shown: a short list, not the catalogue. */
export const SURVEY_COURSES_SHOWN = 5;

/** The kiosk tile whose courses fit a visit's topic best; the computer courses when none fits. */
const TILE_OF_TOPIC: Partial<Record<TopicId, KioskTopic>> = {
  digid: 'digid',
  mijnoverheid: 'digid',
  tax_return: 'taxes',
  allowance: 'taxes',
  health_portal: 'health',
  health_insurance: 'health',
  banking: 'money',
  fines: 'money',
  job_seeking: 'work',
};

/**
 * The courses for the visitor, at most SURVEY_COURSES_SHOWN: those of the tile that fits the
 * visit's topic first, then the computer courses, then those of the other tiles, each in the
 * kiosk's order (at this branch, for beginners, soonest first).
 */
export async function coursesForVisitor(locationId: string, topic: TopicId | undefined, now = Date.now()): Promise<KioskItem[]> {
  const tiles = [...new Set<KioskTopic>([(topic && TILE_OF_TOPIC[topic]) || 'computer', 'computer', ...KIOSK_TOPICS])];
  const shown: KioskItem[] = [];
  for (const tile of tiles) {
    for (const entry of await itemsForTile(db, tile, locationId, now)) {
      if (entry.item.kind !== 'course' || entry.item.status === 'temporarily_closed') continue;
      if (!shown.some((s) => s.item.id === entry.item.id)) shown.push(entry);
    }
    if (shown.length >= SURVEY_COURSES_SHOWN) break;
  }
  return shown.slice(0, SURVEY_COURSES_SHOWN);
}

type Step = { kind: 'list' } | { kind: 'interest'; itemId: string } | { kind: 'done' };

/**
 * A "yes" to "Wilt u meer leren?" on a desk's survey hand-over: a short list of courses from
 * the tablet's catalogue, the kiosk's consent and contact form for the one chosen
 * (`interest.create@1`, into the outbox only), thanks, and the tablet handed back. Still
 * inside the hand-over: the desk stays locked. What the visitor typed is forgotten when
 * this closes, sent or not.
 */
export function SurveyCourses({
  device,
  topic,
  finishLabel,
  onFinish,
}: {
  device: DeviceRecord;
  topic?: TopicId;
  finishLabel: string;
  onFinish: () => void;
}) {
  const { t, lang } = useT();
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const root = useRef<HTMLDivElement>(null);
  const courses = useLiveQuery(() => coursesForVisitor(device.location.id, topic), [device.location.id, topic]);
  const language = ((LANGUAGES as readonly string[]).includes(lang) ? lang : 'nl') as Language;

  useEffect(() => {
    kioskStore.setState({ interest: freshInterest() });
    // The consent text says how long interest is kept: the server's period, as the desk last pulled it.
    void loadLocationProfile(db).then((profile) => {
      if (profile.interestRetentionDays) kioskSettingsStore.setState({ interestRetentionDays: profile.interestRetentionDays });
    });
    return () => kioskStore.setState({ interest: freshInterest() });
  }, []);
  const stepKey = JSON.stringify(step);
  useEffect(() => {
    stopSpeaking();
    root.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [stepKey, courses === undefined]);

  return (
    <div class="survey" ref={root}>
      <ReadAloudTool screen={() => root.current?.querySelector<HTMLElement>('.survey-courses')} page={stepKey} />
      <section class="kiosk survey-courses" data-step={`courses-${step.kind}`}>
        {step.kind === 'list' ? (
          courses === undefined ? null : (
            <>
              <h1 tabIndex={-1}>{t('survey.courses.heading')}</h1>
              {courses.length === 0 ? (
                <p class="kiosk-empty">{t('survey.thanks.coursesDesk')}</p>
              ) : (
                <>
                  <p class="kiosk-intro">{t('survey.courses.intro')}</p>
                  <OnlyDutchNote texts={courses.map((c) => c.item.name)} lang={lang} t={t} />
                  <ul class="kiosk-items" aria-label={t('kiosk.tile.list')}>
                    {courses.map(({ item, next, here }) => (
                      <li key={item.id}>
                        <ItemCard
                          item={item}
                          next={next}
                          here={here}
                          lang={lang}
                          t={t}
                          onOpen={() => setStep({ kind: 'interest', itemId: item.id })}
                        />
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <button type="button" class="survey-primary" onClick={onFinish}>
                {finishLabel}
              </button>
            </>
          )
        ) : step.kind === 'interest' ? (
          <InterestScreen
            itemId={step.itemId}
            device={device}
            language={language}
            onBack={() => {
              // As on the kiosk: a form left without sending is forgotten, consent included.
              kioskStore.setState({ interest: freshInterest() });
              setStep({ kind: 'list' });
            }}
            onSent={() => setStep({ kind: 'done' })}
          />
        ) : (
          <>
            <InterestDoneScreen />
            <button type="button" class="survey-primary" onClick={onFinish}>
              {finishLabel}
            </button>
          </>
        )}
      </section>
    </div>
  );
}
