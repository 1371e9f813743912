import type { DeviceRecord } from '../db/database';
import { useT } from '../i18n/i18n';
import type { Handover } from './handover';
import { HandoverFrame } from './HandoverFrame';
import { SurveyFlow } from './SurveyFlow';

/**
 * The desk tablet in the visitor's hands: only the survey, in the visitor's language,
 * with nothing of the desk (the volunteer's session was locked before this showed).
 * Handing it back leaves the desk locked: the volunteer's PIN opens it.
 */
export function SurveyHandover({ device, handover, onHandBack }: { device: DeviceRecord; handover: Handover; onHandBack: () => void }) {
  const { t } = useT();
  return (
    <HandoverFrame onHandBack={onHandBack}>
      {(finish) => (
        <SurveyFlow
          device={device}
          visitId={handover.visitId}
          municipality={handover.municipality}
          readAloud
          finishLabel={t('survey.thanks.handBack')}
          onFinish={finish}
        />
      )}
    </HandoverFrame>
  );
}
