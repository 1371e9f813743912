import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n';
import { formatLibraryDate } from '../i18n/format';
import { byLocation, deskChoices, volunteerChoices, type DeskChoice, type VolunteerChoice } from './recorded-by';

/**
 * The visit log's "which tablet" and "which volunteer" filters. A list that cannot be
 * loaded leaves only "All": the log itself still works.
 */
function useChoices<T>(load: () => Promise<T[]>): T[] {
  const [choices, setChoices] = useState<T[]>([]);
  useEffect(() => {
    load().then(setChoices, () => setChoices([]));
  }, []);
  return choices;
}

export function DeviceField() {
  const { t, lang } = useT();
  const desks = useChoices<DeskChoice>(deskChoices);
  const name = (d: DeskChoice) =>
    [
      d.name ?? t('console.devices.desk'),
      t('console.filter.enrolledOn', { date: formatLibraryDate(d.enrolledAt, lang) }),
      d.revoked ? t('console.filter.revoked') : null,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <label>
      {t('console.filter.device')}
      <select name="device">
        <option value="">{t('console.filter.all')}</option>
        {byLocation(desks).map(([location, list]) => (
          <optgroup key={location} label={location}>
            {list.map((d) => (
              <option key={d.id} value={d.id}>
                {name(d)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

export function VolunteerField() {
  const { t } = useT();
  const volunteers = useChoices<VolunteerChoice>(volunteerChoices);
  return (
    <label>
      {t('console.filter.volunteer')}
      <select name="volunteer">
        <option value="">{t('console.filter.all')}</option>
        {byLocation(volunteers).map(([location, list]) => (
          <optgroup key={location} label={location}>
            {list.map((v) => (
              <option key={v.id} value={v.id}>
                {v.active ? v.displayName : `${v.displayName} · ${t('console.filter.inactive')}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
