import { useEffect, useState } from 'preact/hooks';
import { REVIEW_STATES, type ConflictList, type ConsoleSession, type VisitPage, type VisitRow } from '../../shared/console';
import { CHANNELS, HELP_KINDS, ORGANISATIONS, OUTCOMES, TOPICS, termLabel, type Term } from '../../shared/taxonomy';
import { useT } from '../i18n/i18n';
import { get, post, query, useLoad } from './api';
import { label } from './labels';
import { formatLibraryDateTime } from '../i18n/format';
import { localMidnight, nextDay } from './period';
import { LocationField } from './LocationField';
import { VisitPanel } from './VisitPanel';
import { DeviceField, VolunteerField } from './RecordedByFields';

type Filter = Record<string, string>;

function toParams(filter: Filter): Record<string, string | undefined> {
  return {
    ...filter,
    from: filter.from ? localMidnight(filter.from) : undefined,
    to: filter.to ? localMidnight(nextDay(filter.to)) : undefined,
  };
}

export function VisitLog({ session }: { session: ConsoleSession }) {
  const { t, lang } = useT();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState<VisitPage | null>(null);
  const [rows, setRows] = useState<VisitRow[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (f: Filter, cursor?: string) => {
    try {
      const next = await get<VisitPage>(`/visits?${query({ ...toParams(f), cursor, limit: '50' })}`);
      setPage(next);
      setRows((old) => (cursor ? [...old, ...next.visits] : next.visits));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  useEffect(() => void load(filter), []);
  const apply = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const f: Filter = {};
    for (const [k, v] of form.entries()) if (typeof v === 'string' && v) f[k] = v;
    setFilter(f);
    void load(f);
  };
  const select = (name: string, list: readonly Term[]) => (
    <label>
      {t(`console.filter.${name}`)}
      <select name={name}>
        <option value="">{t('console.filter.all')}</option>
        {list.map((term) => (
          <option key={term.id} value={term.id}>
            {termLabel(list, term.id, lang)}
          </option>
        ))}
      </select>
    </label>
  );
  const exportHref = (format: 'csv' | 'xlsx', rowsKind: 'visits' | 'questions') =>
    `/api/console/exports/visits?${query({ ...toParams(filter), review: filter.review, format, rows: rowsKind })}`;
  return (
    <section aria-labelledby="visits-title">
      <h1 id="visits-title">{t('console.visits.title')}</h1>
      <form class="console-filters" onSubmit={apply} aria-label={t('console.filter.title')}>
        <label>
          {t('console.filter.from')}
          <input type="date" name="from" />
        </label>
        <label>
          {t('console.filter.to')}
          <input type="date" name="to" />
        </label>
        <LocationField session={session} all />
        <DeviceField />
        <VolunteerField />
        {select('helpKind', HELP_KINDS)}
        {select('organisation', ORGANISATIONS)}
        {select('topic', TOPICS)}
        {select('outcome', OUTCOMES)}
        {select('channel', CHANNELS)}
        <label>
          {t('console.filter.referral')}
          <select name="referral">
            <option value="">{t('console.filter.all')}</option>
            <option value="catalogue">{t('console.filter.referralCatalogue')}</option>
            <option value="text">{t('console.filter.referralText')}</option>
            {ORGANISATIONS.map((o) => (
              <option key={o.id} value={o.id}>
                {termLabel(ORGANISATIONS, o.id, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console.filter.review')}
          <select name="review">
            <option value="">{t('console.filter.all')}</option>
            {REVIEW_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`console.review.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console.filter.q')}
          <input type="search" name="q" maxLength={200} />
        </label>
        <button type="submit" class="primary">
          {t('console.filter.apply')}
        </button>
      </form>
      <p class="console-exports">
        {t('console.export.title')}: <a href={exportHref('csv', 'visits')}>{t('console.export.csvVisits')}</a> ·{' '}
        <a href={exportHref('xlsx', 'visits')}>{t('console.export.xlsxVisits')}</a> ·{' '}
        <a href={exportHref('csv', 'questions')}>{t('console.export.csvQuestions')}</a> ·{' '}
        <a href={exportHref('xlsx', 'questions')}>{t('console.export.xlsxQuestions')}</a>
      </p>
      {error ? (
        <p role="alert" class="form-error">
          {error}
        </p>
      ) : null}
      <Conflicts />
      <table class="console-table" aria-describedby="visits-title">
        <thead>
          <tr>
            <th scope="col">{t('console.visits.started')}</th>
            <th scope="col">{t('console.visits.location')}</th>
            <th scope="col">{t('console.visits.questions')}</th>
            <th scope="col">{t('console.filter.channel')}</th>
            <th scope="col">{t('console.visits.duration')}</th>
            <th scope="col">{t('console.filter.review')}</th>
            <th scope="col">{t('console.visits.note')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('console.visits.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <>
              <tr key={v.id} class={v.voided ? 'voided' : undefined} data-visit={v.id}>
                <td>{formatLibraryDateTime(v.startedAt, lang)}</td>
                <td>{v.locationName}</td>
                <td>{v.questions.map((q) => label('topic', q.topic, lang)).join(', ')}</td>
                <td>{label('channel', v.channel, lang)}</td>
                <td>{Math.round(v.durationSeconds / 60)} min</td>
                <td>
                  {t(`console.review.${v.reviewState}`)}
                  {v.corrected ? ` · ${t('console.visits.corrected')}` : ''}
                  {v.voided ? ` · ${t('console.visits.voided')}` : ''}
                </td>
                <td>{v.note ?? ''}</td>
                <td>
                  <button type="button" aria-expanded={openId === v.id} onClick={() => setOpenId(openId === v.id ? null : v.id)}>
                    {t('console.visits.open')}
                  </button>
                </td>
              </tr>
              {openId === v.id ? (
                <tr key={`${v.id}-detail`}>
                  <td colSpan={8}>
                    <VisitPanel id={v.id} onChanged={() => void load(filter)} />
                  </td>
                </tr>
              ) : null}
            </>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && page ? <p>{t('console.visits.none')}</p> : null}
      {page?.next ? (
        <button type="button" onClick={() => void load(filter, page.next!)}>
          {t('console.visits.more')}
        </button>
      ) : null}
    </section>
  );
}

function Conflicts() {
  const { t, lang } = useT();
  const [data, reload] = useLoad<ConflictList>('/conflicts');
  const conflicts = data?.conflicts ?? [];
  if (!conflicts.length) return null;
  const resolve = async (id: number, resolution: 'keep_current' | 'take_proposed') => {
    await post(`/conflicts/${id}/resolve`, { resolution });
    await reload();
  };
  return (
    <section class="console-conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">{t('console.conflicts.title', { count: conflicts.length })}</h2>
      <ul>
        {conflicts.map((c) => (
          <li key={c.id}>
            {formatLibraryDateTime(c.createdAt, lang)} · {c.locationName} ·{' '}
            {t(`console.conflicts.${c.changeType.startsWith('visit.void') ? 'void' : 'update'}`)}{' '}
            <button type="button" onClick={() => void resolve(c.id, 'keep_current')}>
              {t('console.conflicts.keep')}
            </button>
            <button type="button" onClick={() => void resolve(c.id, 'take_proposed')}>
              {t('console.conflicts.take')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
