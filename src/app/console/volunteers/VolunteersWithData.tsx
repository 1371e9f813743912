import { useState } from 'preact/hooks';
import type { ConsoleSession, VolunteerList } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { errorMessage, post, useLoad } from '../api';
import { Volunteers, type NewVolunteer } from './Volunteers';

/**
 * The volunteers section's data (#/volunteers): loads the volunteers of the user's locations,
 * adds a volunteer with a PIN, sets a new PIN, deactivates one. Routes:
 * src/server/routes/console/volunteers.ts.
 */
export function VolunteersWithData({ session }: { session: ConsoleSession }) {
  const { t } = useT();
  const [data, reload] = useLoad<VolunteerList>('/volunteers');
  const [status, setStatus] = useState<string | null>(null);
  const addVolunteer = async (volunteer: NewVolunteer, clearForm: () => void) => {
    try {
      await post('/volunteers', volunteer);
      clearForm();
      setStatus(t('console.volunteers.added'));
      await reload();
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  const setPin = async (id: string, pin: string) => {
    try {
      await post(`/volunteers/${id}/pin`, { pin });
      setStatus(t('console.volunteers.pinSet'));
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  const deactivate = (id: string) => void post(`/volunteers/${id}/deactivate`).then(reload);
  return (
    <Volunteers
      session={session}
      volunteers={data?.volunteers}
      status={status}
      onAdd={addVolunteer}
      onSetPin={setPin}
      onDeactivate={deactivate}
    />
  );
}
