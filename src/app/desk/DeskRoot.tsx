import { useEffect } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { loadLocationProfile } from '../location/location-profile';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { lazyScreen } from '../shell/lazy-screen';
import { handBack, handoverStore } from '../survey/handover';
import { whenIdle } from '../shell/when-idle';
import { VolunteerGate } from '../volunteers/VolunteerGate';

const SurveyHandover = lazyScreen(() => import('../survey/SurveyHandover').then((m) => m.SurveyHandover));
/**
 * The desk's screens, behind the volunteer gate. A desk always starts locked (the session
 * is held in memory only, volunteers/session.ts), so its first screen is the sign-in and
 * these are never needed for the first paint: fetched once the sign-in screen is up,
 * while the volunteer types a PIN (whose slow check alone takes longer).
 */
const DeskApp = lazyScreen<{ device: DeviceRecord }>(() => import('./DeskApp').then((m) => m.DeskApp));

/**
 * Everything a desk tablet shows once enrolled: the volunteer sign-in, then the desk's
 * screens; or, while handed over to a visitor, only the survey (the session locked).
 */
export function DeskRoot({ device }: { device: DeviceRecord }) {
  const handover = useStore(handoverStore, (s) => s.handover);
  useEffect(() => {
    void loadLocationProfile(db);
    whenIdle(() => void DeskApp.preload().catch(() => undefined), 0);
  }, []);
  if (handover) return <SurveyHandover device={device} handover={handover} onHandBack={handBack} />;
  return (
    <VolunteerGate device={device}>
      <DeskApp device={device} />
    </VolunteerGate>
  );
}
