import { useState } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { useT } from '../i18n/i18n';
import { lazyScreen } from '../shell/lazy-screen';
import type { Handover } from './handover';
import { HandoverFrame } from './HandoverFrame';
import { SurveyFlow } from './SurveyFlow';

// The course list and the kiosk's interest form: a chunk of their own, for those who say "yes".
const SurveyCourses = lazyScreen(() => import('./SurveyCourses').then((m) => m.SurveyCourses));

/**
 * The desk tablet in the visitor's hands: only the survey, in the visitor's language,
 * with nothing of the desk (the volunteer's session was locked before this showed).
 * A "yes" to learning more offers courses and the kiosk's interest form right there.
 * Handing it back leaves the desk locked: the volunteer's PIN opens it.
 */
export function SurveyHandover({ device, handover, onHandBack }: { device: DeviceRecord; handover: Handover; onHandBack: () => void }) {
  const { t } = useT();
  const [courses, setCourses] = useState(false);
  return (
    <HandoverFrame onHandBack={onHandBack}>
      {(finish) =>
        courses ? (
          <SurveyCourses device={device} topic={handover.topic} finishLabel={t('survey.thanks.handBack')} onFinish={finish} />
        ) : (
          <SurveyFlow
            device={device}
            visitId={handover.visitId}
            municipality={handover.municipality}
            readAloud
            finishLabel={t('survey.thanks.handBack')}
            onFinish={finish}
            onCourses={() => setCourses(true)}
          />
        )
      }
    </HandoverFrame>
  );
}
