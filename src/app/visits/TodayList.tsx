import { useState } from 'preact/hooks';
import { CHANNELS, ORGANISATIONS, OUTCOMES, TOPICS, termLabel } from '../../shared/taxonomy';
import { VOID_REASONS, type VoidReason } from '../../shared/visit-constants';
import type { DeviceRecord } from '../db/database';
import { StorageError } from '../db/durable';
import { useLiveQuery } from '../db/use-live-query';
import { formatDuration, formatTime } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import { ChoiceGroup } from '../shell/ChoiceGroup';
import { countedOf, todayItems, type TodayItem } from './desk-data';
import { EditRefused, canEdit, voidVisit } from './edit-visit';
import { referralText } from './ReferralPicker';
import { CardLinks } from '../referrals/lazy';
import { VisitForm } from './VisitForm';
import { formatDate } from '../i18n/format';
import { editForm } from './visit-form-store';

/**
 * This tablet's visits of today with their sync state; each can be corrected or
 * voided (today only). compact: the short list beside the form.
 */
export function TodayList({ device, compact = false }: { device?: DeviceRecord; compact?: boolean }) {
  const { t } = useT();
  const items = useLiveQuery(() => todayItems(db), []);
  const [editing, setEditing] = useState<string | undefined>();
  const counted = items ? countedOf(items) : undefined;
  return (
    <section aria-labelledby={compact ? 'today-title' : 'today-title-full'} class={`today${compact ? ' compact' : ''}`}>
      <h2 id={compact ? 'today-title' : 'today-title-full'}>
        {t('today.title')} {counted ? <span class="count">({t('today.count', { count: counted.visits })})</span> : null}
      </h2>
      {items && items.length === 0 ? <p>{t('today.empty')}</p> : null}
      {editing && device ? <VisitForm device={device} form={editForm} onDone={() => setEditing(undefined)} /> : null}
      <ul class="today-list">
        {items?.map((item) => (
          <TodayRow
            key={item.visit.id}
            item={item}
            compact={compact}
            editable={!!device && !editing}
            onEdit={() => {
              editForm.load(item.visit);
              setEditing(item.visit.id);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function TodayRow({ item, compact, editable, onEdit }: { item: TodayItem; compact: boolean; editable: boolean; onEdit: () => void }) {
  const { t, lang } = useT();
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState<VoidReason | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const v = item.visit;
  const allowed = editable && canEdit(v);

  const confirmVoid = async () => {
    if (!reason) {
      setProblem(t('desk.void.chooseReason'));
      return;
    }
    try {
      await voidVisit(db, v.id, reason);
      setVoiding(false);
      void syncEngine.syncNow();
    } catch (err) {
      if (err instanceof StorageError) setProblem(t(`storage.${err.problem}`));
      else if (err instanceof EditRefused) setProblem(t(`desk.edit.refused.${err.problem}`));
      else {
        // A fault in the app: the volunteer gets a sentence in their language, the console the error itself.
        console.error('Voiding a visit failed:', err);
        setProblem(t('today.actionFailed'));
      }
    }
  };

  return (
    <li class={`visit state-${item.sync} edit-${item.edit}${v.backdated ? ' backdated' : ''}`} data-visit-id={v.id}>
      <span class="time">{formatTime(v.startedAt, lang)}</span>
      <span class="what">{item.edit === 'voided' ? <s>{summary(item, lang)}</s> : summary(item, lang)}</span>
      <span class="sync-state">
        {t(`today.${item.sync}`)}
        {item.edit !== 'original' ? <span class={`edit-state ${item.edit}`}> · {t(`desk.today.${item.edit}`)}</span> : null}
        {v.backdated ? <span class="backdated-mark"> · {t('desk.today.backdated', { date: formatDate(v.startedAt, lang) })}</span> : null}
      </span>
      {item.sync === 'rejected' ? <RejectedNote reason={item.reason} /> : null}
      {item.edit !== 'voided' ? <CardLinks visit={v} /> : null}
      {!compact ? (
        <div class="details">
          <span>
            {termLabel(CHANNELS, v.channel, lang)} · {formatDuration(v.durationSeconds)}
            {v.voided && v.voidReason ? ` · ${t('desk.void.reasonShown', { reason: t(`desk.void.reasons.${v.voidReason}`) })}` : ''}
          </span>
          {v.questions.map((q, i) => (
            <div key={i} class="question-line">
              {termLabel(TOPICS, q.topic, lang)} – {termLabel(ORGANISATIONS, q.organisation, lang)} – {termLabel(OUTCOMES, q.outcome, lang)}
              {q.referrals.length ? (
                <ul class="referral-list">
                  {q.referrals.map((r, j) => (
                    <li key={j}>{t('desk.referral.to', { what: referralText(r, t, lang) })}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      {allowed && !voiding ? (
        <span class="row-actions">
          <button
            type="button"
            class="secondary small"
            aria-label={t('desk.edit.correctOne', { time: formatTime(v.startedAt, lang) })}
            onClick={onEdit}
          >
            {t('desk.edit.correct')}
          </button>
          <button
            type="button"
            class="secondary small"
            aria-label={t('desk.void.voidOne', { time: formatTime(v.startedAt, lang) })}
            onClick={() => setVoiding(true)}
          >
            {t('desk.void.void')}
          </button>
        </span>
      ) : null}
      {voiding ? (
        <div class="void-confirm">
          <ChoiceGroup
            legend={t('desk.void.reason')}
            choices={VOID_REASONS.map((r) => ({ id: r, label: t(`desk.void.reasons.${r}`) }))}
            value={reason}
            onChange={(id) => {
              setReason(id as VoidReason);
              setProblem(undefined);
            }}
          />
          <div class="actions">
            <button type="button" class="primary danger" onClick={() => void confirmVoid()}>
              {t('desk.void.confirm')}
            </button>
            <button type="button" class="secondary" onClick={() => setVoiding(false)}>
              {t('desk.void.cancel')}
            </button>
          </div>
          {problem ? (
            <p class="error" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** The server's reason is English technical text: shown only as a marked detail under the volunteer's own sentence. */
function RejectedNote({ reason }: { reason?: string }) {
  const { t } = useT();
  return (
    <span class="reason">
      {t('today.rejectedKept')}
      {reason ? (
        <small class="reason-detail">
          {' '}
          {t('today.rejectedDetail')} <span lang="en">{reason}</span>
        </small>
      ) : null}
    </span>
  );
}

function summary(item: TodayItem, lang: string): string {
  return item.visit.questions.map((q) => `${termLabel(TOPICS, q.topic, lang)} – ${termLabel(OUTCOMES, q.outcome, lang)}`).join('; ');
}
