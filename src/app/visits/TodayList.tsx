import { OUTCOMES, TOPICS, termLabel } from '../../shared/taxonomy';
import { useLiveQuery } from '../db/use-live-query';
import { formatTime, useT } from '../i18n/i18n';
import { db } from '../services';
import { visitsOfToday } from './record-visit';

export function TodayList() {
  const { t, lang } = useT();
  const visits = useLiveQuery(() => visitsOfToday(db), []);
  return (
    <section aria-labelledby="today-title" class="today">
      <h2 id="today-title">
        {t('today.title')} {visits ? <span class="count">({t('today.count', { count: visits.length })})</span> : null}
      </h2>
      {visits && visits.length === 0 ? <p>{t('today.empty')}</p> : null}
      <ul class="today-list">
        {visits?.map((v) => (
          <li key={v.id} class={`visit state-${v.syncState}`} data-visit-id={v.id}>
            <span class="time">{formatTime(v.startedAt, lang)}</span>
            <span class="what">
              {v.questions.map((q) => `${termLabel(TOPICS, q.topic, lang)} – ${termLabel(OUTCOMES, q.outcome, lang)}`).join('; ')}
            </span>
            <span class="sync-state">{t(`today.${v.syncState}`)}</span>
            {v.syncState === 'rejected' && v.rejectReason ? <span class="reason">{t('today.rejectedReason', { reason: v.rejectReason })}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
