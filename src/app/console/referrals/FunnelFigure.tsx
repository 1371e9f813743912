import { useEffect, useState } from 'preact/hooks';
import { NOT_ASKED } from '../../../shared/municipality';
import type { Funnel, FunnelCounts } from '../../../shared/referrals';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { get } from '../api';
import { ensureReferralConsoleTexts } from './texts';

const SHOWN: Array<keyof FunnelCounts> = ['referred', 'arrived', 'helped', 'noResponse'];

/**
 * The referral funnel by partner (or by municipality) as a figure of the dashboard and the
 * printable quarterly report: referred → arrived → helped (and no response), each beside the
 * period before. `params`: the report's reach (from, to, organisation, location, municipality).
 */
export function FunnelFigure({ params, by = 'partner' }: { params: string; by?: 'partner' | 'municipality' }) {
  ensureReferralConsoleTexts();
  const { t } = useT();
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  useEffect(() => {
    void get<Funnel>(`/referrals/funnel?${params}&by=${by}`).then(setFunnel, () => setFunnel(null));
  }, [params, by]);
  if (!funnel) return null;
  const id = by === 'partner' ? 'referralFunnel' : 'referralFunnel-municipality';
  const groupLabel =
    by === 'municipality'
      ? (key: string, label: string) => (key === NOT_ASKED ? t('console.referrals.municipalityNotAsked') : label)
      : undefined;
  return (
    <section class="figure" aria-labelledby={`fig-${id}`} data-figure={id}>
      <h2 id={`fig-${id}`}>{by === 'partner' ? t('console.referrals.funnel') : t('console.referrals.funnelByMunicipality')}</h2>
      <FunnelTable funnel={funnel} columns={SHOWN} groupLabel={groupLabel} />
    </section>
  );
}

/** The funnel's rows and total, each count beside the period before: the referral section's table and the report's. */
export function FunnelTable({
  funnel,
  columns,
  groupLabel = (_key, label) => label,
  ...rest
}: {
  funnel: Funnel;
  columns: Array<keyof FunnelCounts>;
  groupLabel?: (key: string, label: string) => string;
  class?: string;
  'aria-labelledby'?: string;
}) {
  const { t, lang } = useT();
  const n = (x: number) => formatNumber(x, lang);
  const rows = [
    ...funnel.rows.map((r) => ({ ...r, label: groupLabel(r.key, r.label) })),
    { key: 'total', label: t('console.referrals.total'), ...funnel.total },
  ];
  return (
    <table class={rest.class ?? 'console-table'} aria-labelledby={rest['aria-labelledby']}>
      <thead>
        <tr>
          <th scope="col">{t('console.referrals.group')}</th>
          {columns.map((c) => (
            <th key={c} scope="col">
              {t(`console.referrals.counts.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} class={r.key === 'total' ? 'total' : undefined} data-group={r.key}>
            <th scope="row">{r.label}</th>
            {columns.map((c) => (
              <td key={c} data-count={c}>
                {n(r.current[c])}{' '}
                <span class="muted">
                  ({t('console.referrals.previous')}: {n(r.previous[c])})
                </span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
