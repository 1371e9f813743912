import { useEffect } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { useT } from '../i18n/i18n';
import { loadLocationProfile, locationProfileStore } from '../location/location-profile';
import { db } from '../services';
import { useStore } from '../state/use-store';
import { SurveyFlow } from '../survey/SurveyFlow';
import { go } from './kiosk-store';

/**
 * The survey on the kiosk's start screen ("Geef uw mening"): not linked to any visit. The
 * visitor may say which of the location's municipalities they live in, when it serves more
 * than one. A "yes" to learning more leads to the courses, where interest is left with consent.
 */
export function KioskSurvey({ device }: { device: DeviceRecord }) {
  const { t } = useT();
  const municipalities = useStore(locationProfileStore, (s) => s.municipalities);
  useEffect(() => {
    void loadLocationProfile(db);
  }, []);
  return (
    <SurveyFlow
      device={device}
      visitId={null}
      askMunicipalities={municipalities}
      readAloud={false}
      finishLabel={t('survey.thanks.done')}
      onFinish={() => go({ name: 'start' })}
      onCourses={() => go({ name: 'tile', topic: 'computer' })}
    />
  );
}
