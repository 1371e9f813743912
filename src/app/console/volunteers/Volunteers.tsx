import type { ConsoleSession, VolunteerList } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { LocationField } from '../LocationField';

export interface NewVolunteer {
  locationId: string;
  displayName: string;
  pin: string;
}

interface Props {
  session: ConsoleSession;
  /** Undefined while loading. */
  volunteers: VolunteerList['volunteers'] | undefined;
  status: string | null;
  onAdd: (volunteer: NewVolunteer, clearForm: () => void) => Promise<void>;
  onSetPin: (id: string, pin: string) => Promise<void>;
  onDeactivate: (id: string) => void;
}

/** The volunteers section as shown: the add form and the list. Its data: VolunteersWithData.tsx. */
export function Volunteers({ session, volunteers, status, onAdd, onSetPin, onDeactivate }: Props) {
  const { t } = useT();
  const add = (e: Event) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    void onAdd({ locationId: String(form.get('location')), displayName: String(form.get('name')), pin: String(form.get('pin')) }, () =>
      formEl.reset(),
    );
  };
  const resetPin = (id: string) => {
    const pin = prompt(t('console.volunteers.newPin'));
    if (pin) void onSetPin(id, pin);
  };
  return (
    <section aria-labelledby="vol-title">
      <h1 id="vol-title">{t('console.sections.volunteers')}</h1>
      <form class="console-filters" onSubmit={add}>
        <LocationField session={session} required />
        <label>
          {t('console.volunteers.name')}
          <input name="name" required maxLength={40} />
        </label>
        <label>
          {t('console.volunteers.pin')}
          <input name="pin" required inputMode="numeric" pattern="\d{4,8}" autocomplete="off" />
        </label>
        <button type="submit" class="primary">
          {t('console.volunteers.add')}
        </button>
      </form>
      {status ? <p role="status">{status}</p> : null}
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">{t('console.volunteers.name')}</th>
            <th scope="col">{t('console.filter.location')}</th>
            <th scope="col">{t('console.devices.state')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('console.volunteers.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {volunteers?.map((v) => (
            <tr key={v.id}>
              <td>{v.displayName}</td>
              <td>{v.locationName}</td>
              <td>{v.active ? t('console.devices.active') : t('console.volunteers.inactive')}</td>
              <td>
                {v.active ? (
                  <>
                    <button type="button" onClick={() => resetPin(v.id)}>
                      {t('console.volunteers.resetPin')}
                    </button>
                    <button type="button" onClick={() => onDeactivate(v.id)}>
                      {t('console.volunteers.deactivate')}
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
