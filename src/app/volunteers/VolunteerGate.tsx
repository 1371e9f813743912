import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { useLiveQuery } from '../db/use-live-query';
import { useT } from '../i18n/i18n';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { IDLE_LOCK_MINUTES, IDLE_LOCK_MS, lock, volunteerSession, watchIdle, type SessionStore } from './session';
import { SignInScreen } from './SignInScreen';
import './volunteers.css';

/**
 * Shows the desk only to a signed-in volunteer of this location. Locked (after a
 * reload, after IDLE_LOCK_MINUTES without use, on "Lock / switch volunteer", or when
 * the volunteer is deactivated), it renders the sign-in screen and no visit data at all.
 * A kiosk has no volunteers and passes straight through.
 */
export function VolunteerGate({
  device,
  children,
  session = volunteerSession,
  idleMs = IDLE_LOCK_MS,
}: {
  device: DeviceRecord;
  children: ComponentChildren;
  session?: SessionStore;
  idleMs?: number;
}) {
  const { t } = useT();
  const state = useStore(session, (s) => s);
  const volunteer = state.volunteer;
  const stillThere = useLiveQuery(async () => (volunteer ? (await db.volunteers.get(volunteer.id)) !== undefined : true), [volunteer?.id]);

  useEffect(() => (volunteer ? watchIdle(session, { idleMs }) : undefined), [volunteer?.id, session, idleMs]);
  // Deactivated by the coordinator, or the tablet moved to another location: sign out.
  useEffect(() => {
    if (volunteer && (stillThere === false || volunteer.locationId !== device.location.id)) lock(session, 'manual');
  }, [stillThere, volunteer?.id, device.location.id]);

  if (device.kind !== 'desk') return <>{children}</>;
  if (!volunteer || volunteer.locationId !== device.location.id)
    return <SignInScreen db={db} device={device} session={session} lockedBecause={state.lockedBecause} />;
  return (
    <>
      <div class="volunteer-bar" role="region" aria-label={t('volunteers.signedInAs', { name: volunteer.displayName })}>
        <span class="volunteer-who" data-testid="signed-in-volunteer">
          {t('volunteers.signedInAs', { name: volunteer.displayName })}
        </span>
        <span class="hint">{t('volunteers.lockHint', { minutes: Math.round(idleMs / 60_000) || IDLE_LOCK_MINUTES })}</span>
        <button type="button" class="secondary" onClick={() => lock(session, 'manual')}>
          {t('volunteers.lock')}
        </button>
      </div>
      {children}
    </>
  );
}
