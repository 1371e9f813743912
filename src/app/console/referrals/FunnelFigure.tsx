import { useEffect, useState } from 'preact/hooks';
import type { Funnel, FunnelCounts } from '../../../shared/referrals';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { get } from '../api';
import { ensureReferralConsoleTexts } from './texts';

const SHOWN: Array<keyof FunnelCounts> = ['referred', 'arrived', 'helped', 'noResponse'];

/**
 * The referral funnel by partner as a figure of the dashboard and the printable quarterly
 * report: referred → arrived → helped (and no response), each beside the period before.
 * `params`: the report's from, to and location (the funnel takes no organisation: the console's scope holds it).
 */
export function FunnelFigure({ params }: { params: string }) {
  ensureReferralConsoleTexts();
  const { t } = useT();
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  useEffect(() => {
    void get<Funnel>(`/referrals/funnel?${params}&by=partner`).then(setFunnel, () => setFunnel(null));
  }, [params]);
  if (!funnel) return null;
  return (
    <section class="figure" aria-labelledby="fig-referral-funnel" data-figure="referralFunnel">
      <h2 id="fig-referral-funnel">{t('console.referrals.funnel')}</h2>
      <FunnelTable funnel={funnel} columns={SHOWN} />
    </section>
  );
}

/** The funnel's rows and total, each count beside the period before: the referral section's table and the report's. */
export function FunnelTable({ funnel, columns, groupLabel = (_key, label) => label, ...rest }: { funnel: Funnel; columns: Array<keyof FunnelCounts>; groupLabel?: (key: string, label: string) => string; class?: string; 'aria-labelledby'?: string }) {
  const { t, lang } = useT();
  const n = (x: number) => formatNumber(x, lang);
  const rows = [...funnel.rows.map((r) => ({ ...r, label: groupLabel(r.key, r.label) })), { key: 'total', label: t('console.referrals.total'), ...funnel.total }];
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
                {n(r.current[c])} <span class="muted">({t('console.referrals.previous')}: {n(r.previous[c])})</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
