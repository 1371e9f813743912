import { ORGANISATIONS, TOPICS, termLabel } from '../../shared/taxonomy';
import { useLiveQuery } from '../db/use-live-query';
import { useT } from '../i18n/i18n';
import { db } from '../services';
import { followUps, type FollowUp, type FollowUpDue } from './desk-data';
import { formatDateTime } from '../i18n/format';
import { referralText } from './ReferralPicker';

const GROUPS: FollowUpDue[] = ['overdue', 'today', 'upcoming'];

/** Follow-up appointments set on this tablet: overdue, today, upcoming. dueOnly: leave out the upcoming ones. */
export function FollowUpList({ dueOnly = false }: { dueOnly?: boolean }) {
  const { t } = useT();
  const all = useLiveQuery(() => followUps(db), []);
  const groups = dueOnly ? GROUPS.filter((g) => g !== 'upcoming') : GROUPS;
  const shown = all?.filter((f) => groups.includes(f.due)) ?? [];
  return (
    <section class="follow-ups" aria-labelledby={`follow-ups-title${dueOnly ? '-due' : ''}`}>
      <h2 id={`follow-ups-title${dueOnly ? '-due' : ''}`}>{dueOnly ? t('desk.followUps.dueTitle') : t('desk.followUps.title')}</h2>
      {all && shown.length === 0 ? <p>{dueOnly ? t('desk.followUps.noneDue') : t('desk.followUps.none')}</p> : null}
      {groups.map((group) => {
        const items = shown.filter((f) => f.due === group);
        if (!items.length) return null;
        return (
          <div key={group} class={`follow-up-group due-${group}`}>
            <h3>
              {t(`desk.followUps.${group}`)} <span class="count">({items.length})</span>
            </h3>
            <ul class="follow-up-list">
              {items.map((f) => (
                <FollowUpRow key={`${f.visitId}-${f.question}-${f.at}`} f={f} />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function FollowUpRow({ f }: { f: FollowUp }) {
  const { t, lang } = useT();
  return (
    <li class={`due-${f.due}`}>
      <span class="when">{formatDateTime(f.at, lang)}</span>
      <span class="what">
        {termLabel(TOPICS, f.topic, lang)} – {termLabel(ORGANISATIONS, f.organisation, lang)}
      </span>
      <span class="referral">{t('desk.referral.to', { what: referralText(f.referral, t, lang) })}</span>
      <span class="hint">{t('desk.followUps.fromVisit', { when: formatDateTime(f.visitStartedAt, lang) })}</span>
    </li>
  );
}
