import { useT } from '../i18n/i18n';

/** The from and to dates of a report's period, read by the form's submit handler as `from` and `to`. */
export function PeriodFields({ from, to }: { from: string; to: string }) {
  const { t } = useT();
  return (
    <>
      <label>
        {t('console.filter.from')}
        <input type="date" name="from" value={from} required />
      </label>
      <label>
        {t('console.filter.to')}
        <input type="date" name="to" value={to} required />
      </label>
    </>
  );
}
