import { useRef, useState } from 'preact/hooks';
import { z } from '../../shared/zod';
import { ORGANISATIONS, OUTCOMES, TOPICS, termLabel, type OrganisationId, type OutcomeId, type TopicId } from '../../shared/taxonomy';
import { MAX_NOTE_LENGTH } from '../../shared/visit';
import type { DeviceRecord } from '../db/database';
import { StorageError } from '../db/durable';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import { ChoiceGroup } from '../shell/ChoiceGroup';
import { useStore } from '../state/use-store';
import { recordVisit } from './record-visit';
import { buildVisit, chooseOrganisation, chooseOutcome, chooseTopic, clearForm, missingFields, setNote, visitForm } from './visit-form-store';

type Message = { kind: 'saved' | 'error'; text: string };

export function VisitForm({ device }: { device: DeviceRecord }) {
  const { t, lang } = useT();
  const form = useStore(visitForm, (s) => s);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const label = (list: readonly { id: string; nl: string; en: string }[]) => list.map((term) => ({ id: term.id, label: termLabel(list, term.id, lang) }));

  const save = async (event: Event) => {
    event.preventDefault();
    const missing = missingFields(form);
    if (missing.length) {
      setMessage({ kind: 'error', text: t('visit.missing', { fields: missing.map((f) => t(`visit.${f}`)).join(', ') }) });
      return;
    }
    setSaving(true);
    setMessage(undefined);
    try {
      await recordVisit(db, buildVisit(form, device));
      // Only now, after the transaction committed, is it "saved".
      clearForm();
      setMessage({ kind: 'saved', text: t('visit.saved') });
      heading.current?.focus();
      void syncEngine.syncNow();
    } catch (err) {
      const text =
        err instanceof StorageError
          ? t(`storage.${err.problem}`)
          : err instanceof z.core.$ZodError
            ? t('visit.invalid', { message: err.issues.map((i) => i.message).join('; ') })
            : t('visit.failed', { message: err instanceof Error ? err.message : String(err) });
      setMessage({ kind: 'error', text });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="visit-form" onSubmit={save} aria-labelledby="visit-title">
      <h2 id="visit-title" tabIndex={-1} ref={heading}>
        {t('visit.title')}
      </h2>
      <ChoiceGroup legend={t('visit.topic')} choices={label(TOPICS)} value={form.topic} onChange={(id) => chooseTopic(id as TopicId)} />
      <ChoiceGroup legend={t('visit.organisation')} choices={label(ORGANISATIONS)} value={form.organisation} onChange={(id) => chooseOrganisation(id as OrganisationId)} />
      <ChoiceGroup legend={t('visit.outcome')} choices={label(OUTCOMES)} value={form.outcome} onChange={(id) => chooseOutcome(id as OutcomeId)} />
      <label for="visit-note">{t('visit.note')}</label>
      <textarea id="visit-note" rows={2} maxLength={MAX_NOTE_LENGTH} value={form.note} aria-describedby="visit-note-hint" onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      <p id="visit-note-hint" class="hint">
        {t('visit.noteHint')}
      </p>
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('visit.saving') : t('visit.save')}
        </button>
        <button type="button" class="secondary" onClick={() => { clearForm(); setMessage(undefined); }}>
          {t('visit.reset')}
        </button>
      </div>
      <p role="status" aria-live="polite" class={message?.kind === 'error' ? 'error' : 'saved'}>
        {message?.text}
      </p>
    </form>
  );
}
