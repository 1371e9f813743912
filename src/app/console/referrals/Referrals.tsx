import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../../shared/console';
import { FUNNEL_DIMENSIONS, type Funnel, type FunnelCounts } from '../../../shared/referrals';
import { TOPICS, termLabel } from '../../../shared/taxonomy';
import type { z } from '../../../shared/zod';
import type { consoleFollowUpsSchema, referralListSchema } from '../../../shared/referrals';
import { formatLibraryDate, formatLibraryDateTime } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { get, query } from '../api';
import { localMidnight, nextDay, quarterOf } from '../period';
import { ensureReferralConsoleTexts } from './texts';
import { FunnelTable } from './FunnelFigure';

type Dimension = (typeof FUNNEL_DIMENSIONS)[number];
type ReferralList = z.infer<typeof referralListSchema>;
type FollowUpList = z.infer<typeof consoleFollowUpsSchema>;

const COLUMNS: Array<keyof FunnelCounts> = [
  'referred',
  'withCode',
  'arrived',
  'helped',
  'notEligible',
  'noCapacity',
  'noShow',
  'noResponse',
  'open',
];

/** The console's referral section: the funnel against the period before, each referral's history, the follow-ups. */
export function Referrals({ session }: { session: ConsoleSession }) {
  ensureReferralConsoleTexts();
  const { t, lang } = useT();
  const quarter = quarterOf(new Date());
  const [filter, setFilter] = useState({
    from: quarter.from,
    until: new Date(Date.parse(quarter.to) - 86_400_000).toISOString().slice(0, 10),
    by: 'partner' as Dimension,
    location: '',
  });
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  const [list, setList] = useState<ReferralList | null>(null);
  const [followUps, setFollowUps] = useState<FollowUpList | null>(null);
  const [code, setCode] = useState('');
  const params = (extra: Record<string, string | undefined> = {}) =>
    query({ from: localMidnight(filter.from), to: localMidnight(nextDay(filter.until)), location: filter.location || undefined, ...extra });
  const load = () => {
    void get<Funnel>(`/referrals/funnel?${params({ by: filter.by })}`).then(setFunnel);
    void get<ReferralList>(`/referrals?${params({ code: code.trim() || undefined })}`).then(setList);
  };
  useEffect(() => {
    load();
    void get<FollowUpList>('/follow-ups').then(setFollowUps);
  }, []);
  const groupLabel = (key: string, label: string) =>
    filter.by === 'topic'
      ? termLabel(TOPICS, key, lang)
      : filter.by === 'municipality' && key === 'not_asked'
        ? t('console.referrals.municipalityNotAsked')
        : label;
  return (
    <section aria-labelledby="referrals-title" class="console-referrals">
      <h1 id="referrals-title">{t('console.sections.referrals')}</h1>
      <p>{t('console.referrals.intro', { weeks: funnel?.noResponseWeeks ?? 6 })}</p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          {t('console.referrals.from')}
          <input type="date" value={filter.from} onInput={(e) => setFilter({ ...filter, from: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          {t('console.referrals.until')}
          <input type="date" value={filter.until} onInput={(e) => setFilter({ ...filter, until: (e.target as HTMLInputElement).value })} />
        </label>
        <label>
          {t('console.referrals.location')}
          <select value={filter.location} onChange={(e) => setFilter({ ...filter, location: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('console.referrals.allLocations')}</option>
            {session.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console.referrals.by')}
          <select value={filter.by} onChange={(e) => setFilter({ ...filter, by: (e.target as HTMLSelectElement).value as Dimension })}>
            {FUNNEL_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`console.referrals.dimensions.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console.referrals.code')}
          <input value={code} maxLength={40} autocomplete="off" onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="primary">
          {t('console.referrals.show')}
        </button>
      </form>

      <h2 id="funnel-title">{t('console.referrals.funnel')}</h2>
      {funnel ? (
        <>
          <div class="table-scroll">
            <FunnelTable funnel={funnel} columns={COLUMNS} groupLabel={groupLabel} class="funnel" aria-labelledby="funnel-title" />
          </div>
          {funnel.rows.length === 0 ? <p>{t('console.referrals.none')}</p> : null}
          <p>
            <a href={`/api/console/referrals/funnel?${params({ by: filter.by, format: 'csv' })}`} download>
              {t('console.referrals.csv')}
            </a>
          </p>
        </>
      ) : null}

      <h2 id="referral-list-title">{t('console.referrals.list')}</h2>
      {list ? (
        <div class="table-scroll">
          <table aria-labelledby="referral-list-title">
            <thead>
              <tr>
                <th scope="col">{t('console.referrals.date')}</th>
                <th scope="col">{t('console.referrals.code')}</th>
                <th scope="col">{t('console.referrals.location')}</th>
                <th scope="col">{t('console.referrals.what')}</th>
                <th scope="col">{t('console.referrals.state')}</th>
                <th scope="col">{t('console.referrals.history')}</th>
              </tr>
            </thead>
            <tbody>
              {list.referrals.map((r) => (
                <tr key={`${r.visitId}-${r.code}-${r.what}`}>
                  <td>{formatLibraryDate(r.referredAt, lang)}</td>
                  <td>{r.code ?? '–'}</td>
                  <td>{r.location}</td>
                  <td>
                    {termLabel(TOPICS, r.topic, lang)}: {r.partner ? `${r.partner} – ` : ''}
                    {r.what}
                  </td>
                  <td>{t(`console.referrals.states.${r.state}`)}</td>
                  <td>
                    {r.history.length ? (
                      <ol class="history">
                        {r.history.map((h) => (
                          <li key={h.at}>
                            {t(`console.referrals.states.${h.status}`)}, {formatLibraryDateTime(h.at, lang)}
                            {h.by ? ` (${h.by})` : ''}
                          </li>
                        ))}
                      </ol>
                    ) : (
                      <span class="muted">{t('console.referrals.noHistory')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h2 id="console-follow-ups-title">{t('console.referrals.followUps')}</h2>
      {followUps && followUps.followUps.length === 0 ? <p>{t('console.referrals.followUpsNone')}</p> : null}
      {followUps && followUps.followUps.length ? (
        <div class="table-scroll">
          <table aria-labelledby="console-follow-ups-title">
            <thead>
              <tr>
                <th scope="col">{t('console.referrals.date')}</th>
                <th scope="col">{t('console.referrals.location')}</th>
                <th scope="col">{t('console.referrals.what')}</th>
                <th scope="col">{t('console.referrals.state')}</th>
              </tr>
            </thead>
            <tbody>
              {followUps.followUps.map((f) => (
                <tr key={f.key}>
                  <td>{formatLibraryDateTime(f.at, lang)}</td>
                  <td>{f.location}</td>
                  <td>
                    {termLabel(TOPICS, f.topic, lang)}: {f.what}
                  </td>
                  <td>{t(`console.referrals.followUpStates.${f.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
