import { useT } from '../i18n/i18n';
import type { ConsoleSession } from '../../shared/console';

/**
 * The library organisations a user may report on, from the session's locations (an
 * organisation without a location has no visits to report), in the server's order.
 */
export function organisationsOf(session: ConsoleSession): Array<{ id: string; name: string }> {
  return [...new Map(session.locations.map((l) => [l.organisationId, l.organisationName])).entries()].map(([id, name]) => ({ id, name }));
}

/**
 * The labelled choice of one library organisation, for the network administrator; the
 * empty first option stands for the whole network. A coordinator has one organisation,
 * so the form leaves this field out for them.
 */
export function OrganisationField(props: { session: ConsoleSession; value?: string; onChange?: (organisation: string) => void }) {
  const { t } = useT();
  return (
    <label>
      {t('console.filter.library')}
      <select name="organisation" value={props.value} onChange={(e) => props.onChange?.((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t('console.filter.allLibraries')}</option>
        {organisationsOf(props.session).map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
