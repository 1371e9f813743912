import { useState } from 'preact/hooks';
import { ORGANISATIONS, TOPICS, termLabel } from '../../shared/taxonomy';
import type { FollowUpMark } from '../../shared/referrals';
import { StorageError } from '../db/durable';
import { useLiveQuery } from '../db/use-live-query';
import { formatDateTime } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import type { FollowUpDue } from '../visits/desk-data';
import { deskFollowUps, markFollowUp, type ShownFollowUp } from './follow-ups';

const GROUPS: FollowUpDue[] = ['overdue', 'today', 'upcoming'];

/**
 * The follow-up appointments of this desk's location, from every desk there: overdue,
 * today, upcoming. Each can be marked kept, missed or moved, offline. dueOnly: leave out the upcoming ones.
 */
export function FollowUpList({ dueOnly = false }: { dueOnly?: boolean }) {
  const { t } = useT();
  const all = useLiveQuery(() => deskFollowUps(db), []);
  const groups = dueOnly ? GROUPS.filter((g) => g !== 'upcoming') : GROUPS;
  const shown = all?.filter((f) => groups.includes(f.due) && !(dueOnly && f.state !== 'open')) ?? [];
  const id = `follow-ups-title${dueOnly ? '-due' : ''}`;
  return (
    <section class="follow-ups" aria-labelledby={id}>
      <h2 id={id}>{dueOnly ? t('desk.followUps.dueTitle') : t('desk.followUps.title')}</h2>
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
                <FollowUpRow key={f.key} f={f} />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

/** A local date-time input value (YYYY-MM-DDTHH:MM) as an ISO instant. */
function fromLocalInput(value: string): string | undefined {
  const at = value ? new Date(value) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
}

function FollowUpRow({ f }: { f: ShownFollowUp }) {
  const { t, lang } = useT();
  const [moving, setMoving] = useState(false);
  const [movedTo, setMovedTo] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const what = `${termLabel(TOPICS, f.topic, lang)} – ${termLabel(ORGANISATIONS, f.organisation, lang)}`;
  const mark = async (m: FollowUpMark, to?: string) => {
    try {
      await markFollowUp(db, f, m, to);
      setMoving(false);
      setProblem(undefined);
      void syncEngine.syncNow();
    } catch (err) {
      setProblem(t('referrals.followUps.failed', { message: err instanceof StorageError ? t(`storage.${err.problem}`) : String(err) }));
    }
  };
  return (
    <li class={`due-${f.due} follow-up-${f.state}`} data-follow-up={f.key}>
      <span class="when">{formatDateTime(f.at, lang)}</span>
      <span class="what">{what}</span>
      <span class="referral">{t('desk.referral.to', { what: f.what })}</span>
      <span class="hint">{t('desk.followUps.fromVisit', { when: formatDateTime(f.visitStartedAt, lang) })}</span>
      <span class="follow-up-state" role="status">
        {t('referrals.followUps.stateOf', { state: t(`referrals.followUps.${f.state}`) })}
        {f.waiting ? ` · ${t('referrals.followUps.waiting')}` : ''}
      </span>
      <span class="follow-up-marks">
        <button
          type="button"
          class="secondary small"
          aria-pressed={f.state === 'kept'}
          aria-label={t('referrals.followUps.markFor', { mark: t('referrals.followUps.markKept'), what })}
          onClick={() => void mark('kept')}
        >
          {t('referrals.followUps.markKept')}
        </button>
        <button
          type="button"
          class="secondary small"
          aria-pressed={f.state === 'missed'}
          aria-label={t('referrals.followUps.markFor', { mark: t('referrals.followUps.markMissed'), what })}
          onClick={() => void mark('missed')}
        >
          {t('referrals.followUps.markMissed')}
        </button>
        <button type="button" class="secondary small" aria-expanded={moving} onClick={() => setMoving((m) => !m)}>
          {t('referrals.followUps.markMove')}
        </button>
      </span>
      {moving ? (
        <span class="follow-up-move">
          <label for={`move-${f.key}`}>{t('referrals.followUps.moveTo')}</label>
          <input
            id={`move-${f.key}`}
            type="datetime-local"
            value={movedTo}
            onInput={(e) => setMovedTo((e.target as HTMLInputElement).value)}
          />
          <button
            type="button"
            class="primary small"
            disabled={!fromLocalInput(movedTo)}
            onClick={() => void mark('moved', fromLocalInput(movedTo))}
          >
            {t('referrals.followUps.confirmMove')}
          </button>
        </span>
      ) : null}
      {problem ? (
        <span class="error" role="alert">
          {problem}
        </span>
      ) : null}
    </li>
  );
}
