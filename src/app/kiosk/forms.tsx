import { useEffect, useState } from 'preact/hooks';
import { uuidv7 } from '../../shared/ids';
import {
  HELP_TOPICS,
  INTEREST_CONSENT_VERSION,
  interestContactSchema,
  verifyExitCode,
  type HelpTopic,
  type KioskTopic,
} from '../../shared/kiosk';
import { text } from '../../shared/zod';
import type { Language } from '../../shared/i18n-text';
import type { DeviceRecord } from '../db/database';
import { useLiveQuery } from '../db/use-live-query';
import { countPending } from '../db/outbox';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import { useStore } from '../state/use-store';
import { Icon } from './icons';
import { kioskItem } from './kiosk-catalogue';
import { saveHelpRequest, saveInterest } from './kiosk-records';
import { kioskSettingsStore } from './kiosk-settings';
import { freshHelp, freshInterest, go, kioskStore, newCallNumber, type InterestDraft } from './kiosk-store';
import { CatalogueText } from './ItemCard';
import { BackButton } from './screens';

const firstNameSchema = text(1, 40);

export function interestErrors(draft: InterestDraft): { firstName?: 'errorName'; contact?: 'errorPhone' | 'errorEmail' } {
  const errors: { firstName?: 'errorName'; contact?: 'errorPhone' | 'errorEmail' } = {};
  if (!firstNameSchema.safeParse(draft.firstName).success) errors.firstName = 'errorName';
  if (!interestContactSchema.safeParse({ kind: draft.contactKind, value: draft.contact }).success)
    errors.contact = draft.contactKind === 'phone' ? 'errorPhone' : 'errorEmail';
  return errors;
}

function Choice({ pressed, onClick, icon, label }: { pressed: boolean; onClick: () => void; icon?: string; label: string }) {
  return (
    <button type="button" class="kiosk-choice" aria-pressed={pressed} onClick={onClick}>
      {icon ? <Icon name={icon} size={40} /> : null}
      <span>{label}</span>
    </button>
  );
}

/**
 * Course interest: the consent text first, then a first name and a phone number or e-mail
 * address. On a kiosk it goes back to the item and on to "interestDone"; a desk's survey
 * hand-over (survey/SurveyCourses.tsx) passes its own `onBack`, `onSent` and the visitor's
 * `language`. The draft lives in kioskStore.interest, cleared once sent or left.
 */
export function InterestScreen({
  itemId,
  topic,
  device,
  language: languageShown,
  onBack,
  onSent,
}: {
  itemId: string;
  topic?: KioskTopic;
  device: DeviceRecord;
  language?: Language;
  onBack?: () => void;
  onSent?: () => void;
}) {
  const { t, lang } = useT();
  const draft = useStore(kioskStore, (s) => s.interest);
  const kioskLanguage = useStore(kioskStore, (s) => s.language);
  const language = languageShown ?? kioskLanguage;
  const days = useStore(kioskSettingsStore, (s) => s.interestRetentionDays);
  const entry = useLiveQuery(() => kioskItem(db, itemId, device.location.id), [itemId]);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<InterestDraft>) => kioskStore.setState({ interest: { ...kioskStore.getState().interest, ...patch } });
  const errors = draft.showErrors ? interestErrors(draft) : {};

  const send = async () => {
    const current = kioskStore.getState().interest;
    if (Object.keys(interestErrors(current)).length > 0) {
      set({ showErrors: true });
      return;
    }
    setBusy(true);
    try {
      await saveInterest(db, {
        id: uuidv7(),
        locationId: device.location.id,
        deviceId: device.deviceId,
        itemId,
        firstName: current.firstName,
        contact: { kind: current.contactKind, value: current.contact },
        consent: true,
        consentVersion: INTEREST_CONSENT_VERSION,
        consentLanguage: language as Language,
        consentedAt: new Date().toISOString(),
      });
      kioskStore.setState({ interest: freshInterest() });
      if (onSent) onSent();
      else go({ name: 'interestDone', itemId });
      void syncEngine.syncNow();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BackButton onClick={onBack ?? (() => go({ name: 'item', itemId, topic }))} />
      <h1 tabIndex={-1}>{t('kiosk.interest.heading')}</h1>
      {entry ? <CatalogueText as="p" class="kiosk-subtitle" text={entry.item.name} lang={lang} /> : null}
      <section class="kiosk-consent" aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t('kiosk.interest.consentHeading')}</h2>
        <p>{t('kiosk.interest.consent', { days })}</p>
        <button
          type="button"
          class="kiosk-choice kiosk-agree"
          aria-pressed={draft.consented}
          onClick={() => set({ consented: !draft.consented })}
        >
          <Icon name="check" size={40} />
          <span>{t('kiosk.interest.agree')}</span>
        </button>
      </section>
      {draft.consented ? (
        <form
          class="kiosk-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label for="interest-name">{t('kiosk.interest.firstName')}</label>
          <input
            id="interest-name"
            value={draft.firstName}
            autocomplete="off"
            maxLength={40}
            aria-invalid={errors.firstName ? true : undefined}
            aria-describedby={errors.firstName ? 'interest-name-error' : undefined}
            onInput={(e) => set({ firstName: (e.target as HTMLInputElement).value })}
          />
          {errors.firstName ? (
            <p id="interest-name-error" class="kiosk-error">
              {t(`kiosk.interest.${errors.firstName}`)}
            </p>
          ) : null}
          <fieldset class="kiosk-fieldset">
            <legend>{t('kiosk.interest.how')}</legend>
            <div class="kiosk-choices">
              <Choice
                pressed={draft.contactKind === 'phone'}
                onClick={() => set({ contactKind: 'phone' })}
                label={t('kiosk.interest.phone')}
              />
              <Choice
                pressed={draft.contactKind === 'email'}
                onClick={() => set({ contactKind: 'email' })}
                label={t('kiosk.interest.email')}
              />
            </div>
          </fieldset>
          <label for="interest-contact">
            {t(draft.contactKind === 'phone' ? 'kiosk.interest.phoneLabel' : 'kiosk.interest.emailLabel')}
          </label>
          <input
            id="interest-contact"
            type={draft.contactKind === 'phone' ? 'tel' : 'email'}
            inputMode={draft.contactKind === 'phone' ? 'tel' : 'email'}
            dir="ltr"
            value={draft.contact}
            autocomplete="off"
            maxLength={254}
            aria-invalid={errors.contact ? true : undefined}
            aria-describedby={errors.contact ? 'interest-contact-error' : undefined}
            onInput={(e) => set({ contact: (e.target as HTMLInputElement).value })}
          />
          {errors.contact ? (
            <p id="interest-contact-error" class="kiosk-error">
              {t(`kiosk.interest.${errors.contact}`)}
            </p>
          ) : null}
          <button type="submit" class="kiosk-primary" disabled={busy}>
            <Icon name="check" />
            <span>{t('kiosk.interest.send')}</span>
          </button>
          {failed ? (
            <p class="kiosk-error" role="alert">
              {t('kiosk.interest.failed')}
            </p>
          ) : null}
        </form>
      ) : null}
    </>
  );
}

export function InterestDoneScreen() {
  const { t } = useT();
  return (
    <div class="kiosk-done">
      <Icon name="check" size={96} />
      <h1 tabIndex={-1}>{t('kiosk.interest.doneHeading')}</h1>
      <p>{t('kiosk.interest.doneText')}</p>
    </div>
  );
}

export function HelpScreen({ topic, device }: { topic?: HelpTopic; device: DeviceRecord }) {
  const { t } = useT();
  const draft = useStore(kioskStore, (s) => s.help);
  const [problem, setProblem] = useState<'chooseTopic' | 'errorName' | 'failed' | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof draft>) => kioskStore.setState({ help: { ...kioskStore.getState().help, ...patch } });

  useEffect(() => {
    const current = kioskStore.getState().help;
    if (topic && !current.topic) set({ topic });
    if (!current.number) set({ number: newCallNumber() });
  }, []);

  const send = async () => {
    const current = kioskStore.getState().help;
    if (!current.topic) return setProblem('chooseTopic');
    if (current.callBy === 'name' && !firstNameSchema.safeParse(current.firstName).success) return setProblem('errorName');
    setBusy(true);
    try {
      const display =
        current.callBy === 'name'
          ? { kind: 'name' as const, value: current.firstName.trim() }
          : current.callBy === 'number'
            ? { kind: 'number' as const, value: current.number }
            : undefined;
      await saveHelpRequest(db, {
        id: uuidv7(),
        locationId: device.location.id,
        deviceId: device.deviceId,
        topic: current.topic,
        ...(display ? { display } : {}),
        createdAt: new Date().toISOString(),
      });
      kioskStore.setState({ help: freshHelp() });
      go({ name: 'helpDone', number: display?.kind === 'number' ? display.value : undefined });
      void syncEngine.syncNow();
    } catch {
      setProblem('failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 tabIndex={-1} class="kiosk-title-icon">
        <Icon name="volunteer" size={56} />
        <span>{t('kiosk.help.heading')}</span>
      </h1>
      <form
        class="kiosk-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <fieldset class="kiosk-fieldset">
          <legend>{t('kiosk.help.topic')}</legend>
          <div class="kiosk-choices topics">
            {HELP_TOPICS.map((h) => (
              <Choice
                key={h}
                pressed={draft.topic === h}
                onClick={() => (set({ topic: h }), setProblem(undefined))}
                icon={h}
                label={t(`kiosk.topics.${h}`)}
              />
            ))}
          </div>
        </fieldset>
        <fieldset class="kiosk-fieldset">
          <legend>{t('kiosk.help.callBy')}</legend>
          <div class="kiosk-choices">
            <Choice pressed={draft.callBy === 'number'} onClick={() => set({ callBy: 'number' })} label={t('kiosk.help.byNumber')} />
            <Choice pressed={draft.callBy === 'name'} onClick={() => set({ callBy: 'name' })} label={t('kiosk.help.byName')} />
            <Choice pressed={draft.callBy === 'none'} onClick={() => set({ callBy: 'none' })} label={t('kiosk.help.byNone')} />
          </div>
        </fieldset>
        {draft.callBy === 'number' ? (
          <p class="kiosk-number">
            <span>{t('kiosk.help.yourNumber')}</span> <strong data-testid="call-number">{draft.number}</strong>
          </p>
        ) : null}
        {draft.callBy === 'name' ? (
          <>
            <label for="help-name">{t('kiosk.help.firstName')}</label>
            <input
              id="help-name"
              value={draft.firstName}
              autocomplete="off"
              maxLength={40}
              aria-invalid={problem === 'errorName' ? true : undefined}
              onInput={(e) => set({ firstName: (e.target as HTMLInputElement).value })}
            />
          </>
        ) : null}
        <button type="submit" class="kiosk-primary kiosk-big" disabled={busy}>
          <Icon name="volunteer" size={40} />
          <span>{t('kiosk.help.send')}</span>
        </button>
        <p class="kiosk-error" role="alert">
          {problem === 'failed' ? t('kiosk.interest.failed') : problem ? t(`kiosk.help.${problem}`) : ''}
        </p>
      </form>
    </>
  );
}

export function HelpDoneScreen({ number }: { number?: string }) {
  const { t } = useT();
  return (
    <div class="kiosk-done">
      <Icon name="volunteer" size={96} />
      <h1 tabIndex={-1}>{t('kiosk.help.doneHeading')}</h1>
      {number ? (
        <p class="kiosk-number">
          <span>{t('kiosk.help.doneNumber')}</span> <strong>{number}</strong>
        </p>
      ) : null}
      <p>{t('kiosk.help.doneWait')}</p>
      {typeof navigator !== 'undefined' && !navigator.onLine ? <p class="kiosk-offline">{t('kiosk.help.offline')}</p> : null}
    </div>
  );
}

const MAX_TRIES = 5;
let wrongTries = 0;
let lockedUntil = 0;

/** Leaving kiosk mode: the coordinator's code, checked on the tablet against the pulled hash, so it works offline. */
export function ExitScreen() {
  const { t } = useT();
  const hash = useStore(kioskSettingsStore, (s) => s.exitCodeHash);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<'wrong' | 'wait' | undefined>();
  const [unlocked, setUnlocked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const pending = useLiveQuery(() => countPending(db), []) ?? 0;

  const check = async () => {
    if (Date.now() < lockedUntil) return setMessage('wait');
    if (hash && (await verifyExitCode(code, hash))) {
      wrongTries = 0;
      setUnlocked(true);
      setMessage(undefined);
    } else {
      wrongTries++;
      if (wrongTries >= MAX_TRIES) {
        wrongTries = 0;
        lockedUntil = Date.now() + 60_000;
      }
      setMessage('wrong');
    }
    setCode('');
  };

  const leave = async () => {
    if (pending > 0 && !confirming) return setConfirming(true);
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
    // The enrolment, the outbox and the catalogue copy all go: the tablet starts as new, ready to enrol as a desk.
    db.close();
    await db.delete();
    location.replace('/');
  };

  return (
    <>
      <BackButton onClick={() => go({ name: 'start' })} />
      <h1 tabIndex={-1}>{t('kiosk.exit.heading')}</h1>
      {!hash ? (
        <p>{t('kiosk.exit.noCode')}</p>
      ) : !unlocked ? (
        <form
          class="kiosk-form"
          onSubmit={(e) => {
            e.preventDefault();
            void check();
          }}
        >
          <label for="exit-code">{t('kiosk.exit.codeLabel')}</label>
          <input
            id="exit-code"
            type="password"
            dir="ltr"
            inputMode="numeric"
            autocomplete="off"
            value={code}
            aria-describedby="exit-message"
            onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="kiosk-primary">
            <Icon name="lock" />
            <span>{t('kiosk.exit.check')}</span>
          </button>
          <p id="exit-message" class="kiosk-error" role="alert">
            {message ? t(`kiosk.exit.${message}`) : ''}
          </p>
        </form>
      ) : (
        <div class="kiosk-form">
          <p role="status">{t('kiosk.exit.unlocked')}</p>
          <p>{t('kiosk.exit.pending', { count: pending })}</p>
          {confirming ? <p class="kiosk-error">{t('kiosk.exit.leaveWarning')}</p> : null}
          <div class="kiosk-actions">
            <button type="button" class="kiosk-secondary" onClick={() => go({ name: 'start' })}>
              {t('kiosk.exit.stay')}
            </button>
            <button type="button" class="kiosk-danger" onClick={() => void leave()}>
              {confirming ? t('kiosk.exit.leaveAnyway') : t('kiosk.exit.leave')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
