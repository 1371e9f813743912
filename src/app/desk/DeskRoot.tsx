import { useEffect } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { loadLocationProfile } from '../location/location-profile';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { lazyScreen } from '../shell/lazy-screen';
import { handBack, handoverStore } from '../survey/handover';
import { VolunteerGate } from '../volunteers/VolunteerGate';
import { DeskApp } from './DeskApp';

const SurveyHandover = lazyScreen(() => import('../survey/SurveyHandover').then((m) => m.SurveyHandover));

/**
 * Everything a desk tablet shows once enrolled: the volunteer sign-in, then the desk's
 * screens; or, while handed over to a visitor, only the survey (the session locked).
 */
export function DeskRoot({ device }: { device: DeviceRecord }) {
  const handover = useStore(handoverStore, (s) => s.handover);
  useEffect(() => {
    void loadLocationProfile(db);
  }, []);
  if (handover) return <SurveyHandover device={device} handover={handover} onHandBack={handBack} />;
  return (
    <VolunteerGate device={device}>
      <DeskApp device={device} />
    </VolunteerGate>
  );
}
