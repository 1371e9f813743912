import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeviceRecord, InloopDatabase } from '../db/database';
import { useLiveQuery } from '../db/use-live-query';
import { useT } from '../i18n/i18n';
import { PinPad } from './PinPad';
import { signIn, waitBeforeTry, type SessionStore } from './session';
import { localVolunteers, volunteersSyncedAt } from './volunteer-sync';
import type { LocalVolunteer } from '../db/database';

type Message = { key: string; params?: Record<string, unknown> };

/** The seconds (and minutes) left until a time, ticking once a second. */
function useCountdown(until: number | undefined): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!until) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, until - now) : 0;
}

/**
 * The locked tablet: pick your name from large buttons, then type your PIN. Shows no
 * visit data at all. Checked offline against the hash the tablet pulled.
 */
export function SignInScreen({
  db,
  device,
  session,
  lockedBecause,
}: {
  db: InloopDatabase;
  device: DeviceRecord;
  session: SessionStore;
  lockedBecause?: 'idle' | 'manual';
}) {
  const { t } = useT();
  const volunteers = useLiveQuery(() => localVolunteers(db, device.location.id), [device.location.id]);
  const syncedAt = useLiveQuery(async () => (await volunteersSyncedAt(db)) ?? null, []);
  const [chosen, setChosen] = useState<LocalVolunteer | undefined>();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | undefined>();
  const [waitUntil, setWaitUntil] = useState<number | undefined>();
  const left = useCountdown(waitUntil);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!chosen) return;
    // A wait from before a reload still holds.
    void waitBeforeTry(db, chosen.id).then((ms) => setWaitUntil(ms > 0 ? Date.now() + ms : undefined));
  }, [chosen?.id]);

  useEffect(() => {
    if (waitUntil && left === 0) {
      setWaitUntil(undefined);
      setMessage(undefined);
    }
  }, [left, waitUntil]);

  const choose = (v: LocalVolunteer | undefined) => {
    setChosen(v);
    setPin('');
    setMessage(undefined);
    setWaitUntil(undefined);
    if (!v) setTimeout(() => heading.current?.focus(), 0);
  };

  const submit = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    const outcome = await signIn(db, session, chosen.id, pin);
    setBusy(false);
    setPin('');
    if (outcome.ok) return;
    if (outcome.reason === 'unknown') {
      setMessage({ key: 'volunteers.unknown' });
      setChosen(undefined);
    } else if (outcome.reason === 'wrongPin' && outcome.waitMs === 0) {
      setMessage({ key: 'volunteers.wrongPin', params: { count: outcome.triesLeft } });
    } else {
      setMessage({ key: outcome.reason === 'wrongPin' ? 'volunteers.wrongPinWait' : 'volunteers.wait' });
      setWaitUntil(Date.now() + outcome.waitMs);
    }
  };

  const waiting = left > 0;
  const seconds = Math.ceil(left / 1000);
  const waitText = waiting
    ? seconds >= 120
      ? t('volunteers.waitMinutes', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 })
      : t(message?.key === 'volunteers.wrongPinWait' ? 'volunteers.wrongPinWait' : 'volunteers.wait', { seconds })
    : undefined;
  const text =
    waitText ??
    (message && message.key !== 'volunteers.wait' && message.key !== 'volunteers.wrongPinWait'
      ? t(message.key, message.params)
      : undefined);

  return (
    <main id="main" class="narrow volunteer-sign-in">
      <h1 tabIndex={-1} ref={heading}>
        {t('volunteers.title')}
      </h1>
      {lockedBecause ? (
        <p class="banner info">{t(lockedBecause === 'idle' ? 'volunteers.lockedIdle' : 'volunteers.lockedManual')}</p>
      ) : null}
      {volunteers === undefined || syncedAt === undefined ? (
        <p>{t('volunteers.loading')}</p>
      ) : volunteers.length === 0 ? (
        <p class="banner info" role="status">
          {syncedAt ? t('volunteers.none', { location: device.location.name }) : t('volunteers.noneYet')}
        </p>
      ) : !chosen ? (
        <>
          <p>{t('volunteers.intro')}</p>
          {message ? (
            <p class="error" role="alert">
              {t(message.key, message.params)}
            </p>
          ) : null}
          <fieldset class="choice-group">
            <legend>{t('volunteers.pick')}</legend>
            <div class="volunteer-names">
              {volunteers.map((v) => (
                <button type="button" key={v.id} class="choice volunteer-name" onClick={() => choose(v)}>
                  {v.displayName}
                </button>
              ))}
            </div>
          </fieldset>
        </>
      ) : (
        <section aria-labelledby="pin-title">
          <h2 id="pin-title">{t('volunteers.pinFor', { name: chosen.displayName })}</h2>
          <PinPad
            id="volunteer-pin"
            label={t('volunteers.pinLabel')}
            value={pin}
            onChange={setPin}
            onSubmit={() => void submit()}
            disabled={busy || waiting}
            busy={busy}
            describedBy="pin-message"
          />
          <p id="pin-message" role="alert" class="error">
            {text}
          </p>
          {message || waiting ? <p class="hint">{t('volunteers.forgot')}</p> : null}
          <button type="button" class="secondary" onClick={() => choose(undefined)}>
            {t('volunteers.otherName')}
          </button>
        </section>
      )}
    </main>
  );
}
