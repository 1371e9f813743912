import { useT } from '../i18n/i18n';
import type { ConsoleSession } from '../../shared/console';

/**
 * The labelled location choice every console form has: the coordinator's own
 * locations only (the server checks the same scope). With `all`, an empty first
 * option stands for every location; with `organisation`, only that organisation's
 * locations are offered.
 */
export function LocationField(props: {
  session: ConsoleSession;
  all?: boolean;
  required?: boolean;
  value?: string;
  organisation?: string;
  onChange?: (location: string) => void;
}) {
  const { t } = useT();
  return (
    <label>
      {t('console.filter.location')}
      <select
        name="location"
        required={props.required}
        value={props.value}
        onChange={props.onChange && ((e) => props.onChange!((e.currentTarget as HTMLSelectElement).value))}
      >
        {props.all ? <option value="">{t('console.filter.all')}</option> : null}
        {props.session.locations
          .filter((l) => !props.organisation || l.organisationId === props.organisation)
          .map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
      </select>
    </label>
  );
}
