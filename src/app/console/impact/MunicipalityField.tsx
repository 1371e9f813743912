import { useEffect, useState } from 'preact/hooks';
import { NOT_ASKED } from '../../../shared/municipality';
import { useT } from '../../i18n/i18n';
import { ensureImpactTexts } from './locales';

/** A municipality's name from its CBS code, by the names a report gives (code → name); "not asked" in words. */
export function useMunicipalityName(report: { municipalityNames: Record<string, string> } | null): (key: string) => string {
  ensureImpactTexts();
  const { t } = useT();
  const names = report?.municipalityNames ?? {};
  return (key) => (key === NOT_ASKED ? t('console.impact.survey.notAsked') : (names[key] ?? key));
}

/**
 * A report's municipality filter, read by the form as `municipality`: all, those the
 * locations serve (`names`: code → name), or "not asked". It keeps the choice made until the
 * form is applied (`value` is the applied one): a report answer arriving in between re-renders
 * the page and must not undo the choice.
 */
export function MunicipalityField({ names, value }: { names: Record<string, string>; value: string }) {
  ensureImpactTexts();
  const { t } = useT();
  const [chosen, setChosen] = useState(value);
  useEffect(() => setChosen(value), [value]);
  return (
    <label>
      {t('console.impact.survey.municipality')}
      <select name="municipality" value={chosen} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
        <option value="">{t('console.impact.survey.allMunicipalities')}</option>
        {Object.entries(names).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
        <option value={NOT_ASKED}>{t('console.impact.survey.notAsked')}</option>
      </select>
    </label>
  );
}
