import { useEffect } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { loadLocationProfile } from '../location/location-profile';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { lazyScreen } from '../shell/lazy-screen';
import { handBack, handoverStore } from '../survey/handover';
import { assessmentHandoverStore, handBackAssessment } from '../courses/assessment-handover';
import { provideCourseRunSync } from '../courses/course-pull';
import { lock, volunteerSession } from '../volunteers/session';
import { whenIdle } from '../shell/when-idle';
import { VolunteerGate } from '../volunteers/VolunteerGate';

const SurveyHandover = lazyScreen(() => import('../survey/SurveyHandover').then((m) => m.SurveyHandover));
const AssessmentHandover = lazyScreen(() => import('../courses/courses-chunk').then((m) => m.AssessmentHandover));

// Courses: the pull step's code is a chunk of the desk's (courses/course-pull.ts); handing the
// tablet to a participant locks the volunteer's session before anything else shows.
provideCourseRunSync(() => import('../courses/courses-chunk'));
assessmentHandoverStore.subscribe((s) => {
  if (s.handover) lock(volunteerSession, 'manual');
});
/**
 * The desk's screens, behind the volunteer gate. A desk always starts locked (the session
 * is held in memory only, volunteers/session.ts), so its first screen is the sign-in and
 * these are never needed for the first paint: fetched once the sign-in screen is up,
 * while the volunteer types a PIN (whose slow check alone takes longer).
 */
const DeskApp = lazyScreen<{ device: DeviceRecord }>(() => import('./DeskApp').then((m) => m.DeskApp));

/**
 * Everything a desk tablet shows once enrolled: the volunteer sign-in, then the desk's
 * screens; or, while handed over to a visitor, only the survey or a course participant's
 * self-assessment (the session locked).
 */
export function DeskRoot({ device }: { device: DeviceRecord }) {
  const handover = useStore(handoverStore, (s) => s.handover);
  const assessment = useStore(assessmentHandoverStore, (s) => s.handover);
  useEffect(() => {
    void loadLocationProfile(db);
    whenIdle(() => void DeskApp.preload().catch(() => undefined), 0);
  }, []);
  if (handover) return <SurveyHandover device={device} handover={handover} onHandBack={handBack} />;
  if (assessment) return <AssessmentHandover handover={assessment} onHandBack={handBackAssessment} />;
  return (
    <VolunteerGate device={device}>
      <DeskApp device={device} />
    </VolunteerGate>
  );
}
