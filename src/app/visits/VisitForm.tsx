import type { Ref } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  ACTIONS,
  CHANNELS,
  DOMAINS,
  HELP_KINDS,
  ORGANISATIONS,
  OUTCOMES,
  TOPICS,
  TOPIC_DOMAIN,
  defaultHelpKind,
  termLabel,
  type ActionId,
  type ChannelId,
  type DomainId,
  type HelpKindId,
  type OrganisationId,
  type OutcomeId,
  type Term,
  type TopicId,
} from '../../shared/taxonomy';
import { MAX_NOTE_LENGTH } from '../../shared/visit-constants';
import { PrivacyCheckedTextarea, hasPersonalData } from '../privacy/PrivacyCheckedTextarea';
import { currentVolunteer } from '../volunteers/session';
import type { DeviceRecord } from '../db/database';
import { StorageError } from '../db/durable';
import { useLiveQuery } from '../db/use-live-query';
import { formatDuration, languageName } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import { ChoiceGroup } from '../shell/ChoiceGroup';
import { memoised } from '../shell/memo';
import { useStore } from '../state/use-store';
import { setBusy } from '../pwa/busy';
import { locationProfileStore } from '../location/location-profile';
import { handOver, type Handover } from '../survey/handover';
import { byUse, combinationKey, deskUsage, type Combination } from './desk-data';
import { EditRefused, updateVisit } from './edit-visit';
import { recordVisit } from './record-visit';
import { preloadVisitSchema, validationProblems } from './visit-schema';
import { ReferralPicker, referralText } from './ReferralPicker';
import {
  buildVisit,
  effectiveDomain,
  effectiveHelpKind,
  elapsedSeconds,
  missingFields,
  type DraftQuestion,
  type Missing,
  type VisitFormState,
  type VisitFormStore,
} from './visit-form-store';

type Message = { kind: 'saved' | 'error'; text: string };

/** Languages offered for "help given in"; the label comes from Intl in the reader's language. */
export const VISIT_LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk', 'de', 'fr', 'es', 'so', 'ti', 'fa'] as const;

const DURATION_PRESETS_MIN = [5, 10, 15, 20, 30, 45, 60];

// The desk imports this module at start: fetch the visit schema once the tablet is idle.
preloadVisitSchema();

function useTick(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function labelled(list: readonly Term[], lang: string) {
  return list.map((term) => ({ id: term.id, label: termLabel(list, term.id, lang) }));
}

/**
 * The visit form of the desk: one or more questions, the visit's channel, duration,
 * language and note. Used to record a visit now (mode new), to enter one afterwards
 * from a paper sheet (backdated) and to correct one of today (edit).
 */
export function VisitForm({
  device,
  form,
  onDone,
  volunteerId = null,
}: {
  device: DeviceRecord;
  form: VisitFormStore;
  onDone?: () => void;
  volunteerId?: string | null;
}) {
  const { t } = useT();
  const state = useStore(form.store, (s) => s);
  // A visit being filled in holds back an app update until it is saved or cleared.
  const started = state.openedAt !== undefined;
  useEffect(() => {
    setBusy(`visit-form-${state.mode}`, started);
    return () => setBusy(`visit-form-${state.mode}`, false);
  }, [started, state.mode]);
  const usage = useLiveQuery(() => deskUsage(db), []);
  const municipalities = useStore(locationProfileStore, (s) => s.municipalities);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | undefined>();
  // The visit just recorded, for handing the tablet to the visitor for the survey.
  const [justSaved, setJustSaved] = useState<Handover | undefined>();
  const [picking, setPicking] = useState(false);
  const pickReferral = useCallback(() => setPicking(true), []);
  const heading = useRef<HTMLHeadingElement>(null);
  const addReferral = useRef<HTMLButtonElement>(null);
  const closePicker = () => {
    setPicking(false);
    // Back to where the volunteer was, for keyboard and screen-reader users.
    requestAnimationFrame(() => addReferral.current?.focus());
  };
  useEffect(() => {
    // Correcting opens from a list row that then hides its buttons: move focus to the form.
    if (form.store.getState().mode === 'edit') heading.current?.focus();
  }, [form]);
  const mode = state.mode;
  const idPrefix = `vf-${mode}`;

  const describeMissing = (missing: Missing[]) =>
    missing
      .map((m) =>
        m.question === undefined
          ? t(`desk.form.missing.${m.field}`)
          : state.questions.length > 1
            ? t('desk.form.missingInQuestion', { field: t(`visit.${m.field}`), n: m.question + 1 })
            : t(`visit.${m.field}`),
      )
      .join(', ');

  const save = async (event: Event) => {
    event.preventDefault();
    const missing = missingFields(state);
    if (missing.length) {
      const first = missing.find((m) => m.question !== undefined);
      if (first?.question !== undefined && first.question !== state.current) form.selectQuestion(first.question);
      const only = missing.filter((m) => m.field === 'future');
      setMessage({
        kind: 'error',
        text: only.length ? t('desk.form.missing.future') : t('visit.missing', { fields: describeMissing(missing) }),
      });
      return;
    }
    if (hasPersonalData(state.note)) {
      // The privacy guard: nothing personal leaves the form; the findings above say what to remove.
      setMessage({ kind: 'error', text: t('desk.form.personalData') });
      return;
    }
    // The save starts before the "Saving…" render is queued, so the transaction runs while the form re-renders.
    let visit: ReturnType<typeof buildVisit> | undefined;
    let stored: Promise<unknown>;
    try {
      visit = buildVisit(state, device, volunteerId ?? currentVolunteer()?.id ?? null);
      stored = mode === 'edit' ? updateVisit(db, visit) : recordVisit(db, visit);
    } catch (err) {
      stored = Promise.reject(err);
    }
    setSaving(true);
    setMessage(undefined);
    setJustSaved(undefined);
    try {
      await stored;
      const saved = visit!; // built: a failed build rejected `stored`
      setJustSaved(
        mode === 'new'
          ? {
              visitId: saved.id,
              ...(saved.questions[0] ? { topic: saved.questions[0].topic } : {}),
              ...(saved.municipality ? { municipality: saved.municipality } : {}),
            }
          : undefined,
      );
      // Only now, after the transaction committed, is it "saved".
      if (mode === 'backdated') {
        const { backDate, backTime } = form.store.getState();
        form.clear();
        form.setBackDate(backDate);
        form.setBackTime(backTime);
      } else form.clear();
      setMessage({
        kind: 'saved',
        text: mode === 'edit' ? t('desk.edit.saved') : mode === 'backdated' ? t('desk.catchUp.saved') : t('visit.saved'),
      });
      heading.current?.focus();
      void syncEngine.syncNow();
      onDone?.();
    } catch (err) {
      const problems = validationProblems(err);
      const text =
        err instanceof StorageError
          ? t(`storage.${err.problem}`)
          : err instanceof EditRefused
            ? t(`desk.edit.refused.${err.problem}`)
            : problems
              ? t('visit.invalid', { message: problems.join('; ') })
              : t('visit.failed', { message: err instanceof Error ? err.message : String(err) });
      setMessage({ kind: 'error', text });
    } finally {
      setSaving(false);
    }
  };

  const title = mode === 'edit' ? t('desk.edit.title') : mode === 'backdated' ? t('desk.catchUp.visitTitle') : t('visit.title');

  return (
    <form class={`visit-form mode-${mode}`} onSubmit={save} aria-labelledby={`${idPrefix}-title`} noValidate>
      <div class="form-head">
        <h2 id={`${idPrefix}-title`} tabIndex={-1} ref={heading}>
          {title}
        </h2>
        {mode !== 'backdated' ? <Duration state={state} form={form} /> : null}
      </div>

      <VisitFields
        state={state}
        form={form}
        usage={usage}
        municipalities={municipalities}
        idPrefix={idPrefix}
        addRef={addReferral}
        onPickReferral={pickReferral}
      />

      <div class="save-bar">
        <div class="actions">
          <button type="submit" class="primary" disabled={saving}>
            {saving
              ? t('visit.saving')
              : mode === 'edit'
                ? t('desk.edit.save')
                : mode === 'backdated'
                  ? t('desk.catchUp.saveVisit')
                  : t('visit.save')}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              if (mode === 'edit') onDone?.();
              else form.clear();
              setMessage(undefined);
            }}
          >
            {mode === 'edit' ? t('desk.edit.cancel') : t('visit.reset')}
          </button>
        </div>
        <p role="status" aria-live="polite" class={message?.kind === 'error' ? 'error' : 'saved'}>
          {message?.text}
        </p>
        {justSaved && !state.openedAt ? (
          <div class="hand-over">
            <button type="button" class="secondary" aria-describedby={`${idPrefix}-handover-hint`} onClick={() => handOver(justSaved)}>
              {t('desk.form.handOver')}
            </button>
            <span id={`${idPrefix}-handover-hint`} class="hint">
              {t('desk.form.handOverHint')}
            </span>
          </div>
        ) : null}
      </div>
      {picking ? (
        <ReferralPicker
          onClose={closePicker}
          onAdd={(referral) => {
            form.addReferral(referral);
            closePicker();
          }}
        />
      ) : null}
    </form>
  );
}

type Municipalities = ReturnType<typeof locationProfileStore.getState>['municipalities'];

/**
 * Everything of the form between its heading and its save bar. Memoised: the "Saving…" render
 * and the message after a save change only the save bar, and leave these alone.
 */
const VisitFields = memoised(function VisitFields({
  state,
  form,
  usage,
  municipalities,
  idPrefix,
  addRef,
  onPickReferral,
}: {
  state: VisitFormState;
  form: VisitFormStore;
  usage: Awaited<ReturnType<typeof deskUsage>> | undefined;
  municipalities: Municipalities;
  idPrefix: string;
  addRef: Ref<HTMLButtonElement>;
  onPickReferral: () => void;
}) {
  const { t, lang } = useT();
  const mode = state.mode;
  const q = state.questions[state.current]!;
  const on = useMemo(() => choiceHandlers(form), [form]);
  const channels = useMemo(() => labelled(CHANNELS, lang), [lang]);
  const returning = useMemo(
    () => [
      { id: 'yes', label: t('desk.form.returningYes') },
      { id: 'no', label: t('desk.form.returningNo') },
      { id: 'unknown', label: t('desk.form.returningUnknown') },
    ],
    [lang],
  );
  const languages = useMemo(() => VISIT_LANGUAGES.map((code) => ({ id: code, label: languageName(code, lang) })), [lang]);
  const municipalityChoices = useMemo(
    () => [{ id: '', label: t('desk.form.municipalityNotAsked') }, ...municipalities.map((m) => ({ id: m.code, label: m.name }))],
    [lang, municipalities],
  );
  return (
    <>
      {mode === 'backdated' ? <BackdatedFields state={state} form={form} idPrefix={idPrefix} /> : null}

      {mode !== 'edit' && usage && usage.recent.length > 0 ? <Presets recent={usage.recent} onPick={on.combination} /> : null}

      <QuestionTabs state={state} form={form} />

      <QuestionEditor q={q} n={state.current + 1} usage={usage} form={form} addRef={addRef} onPickReferral={onPickReferral} />

      <details class="visit-details" open={mode !== 'new' || undefined}>
        <summary>
          {t('desk.form.visitDetails', {
            channel: termLabel(CHANNELS, state.channel, lang),
            language: state.language ? languageName(state.language, lang) : t('desk.form.languageUnknown'),
          })}
        </summary>
        <ChoiceGroup legend={t('desk.form.channel')} choices={channels} value={state.channel} onChange={on.channel} />
        <ChoiceGroup
          legend={t('desk.form.returning')}
          choices={returning}
          value={state.returning === null ? 'unknown' : state.returning ? 'yes' : 'no'}
          onChange={on.returning}
        />
        <ChoiceGroup legend={t('desk.form.language')} choices={languages} value={state.language ?? undefined} onChange={on.language} />
        {municipalities.length > 0 ? (
          <ChoiceGroup
            legend={t('desk.form.municipality')}
            choices={municipalityChoices}
            value={state.municipality ?? ''}
            onChange={on.municipality}
          />
        ) : null}
        {mode === 'backdated' ? <DurationPresets state={state} form={form} /> : null}
      </details>

      <PrivacyCheckedTextarea
        id={`${idPrefix}-note`}
        label={t('visit.note')}
        hint={t('visit.noteHint')}
        rows={2}
        maxLength={MAX_NOTE_LENGTH}
        value={state.note}
        onInput={on.note}
      />
    </>
  );
});

/** The form's change handlers, made once per form so that memoised parts see the same functions. */
function choiceHandlers(form: VisitFormStore) {
  return {
    channel: (id: string) => form.setChannel(id as ChannelId),
    returning: (id: string) => form.setReturning(id === 'unknown' ? null : id === 'yes'),
    language: (id: string) => form.setLanguage(id),
    municipality: (id: string) => form.setMunicipality(id || null),
    note: (value: string) => form.setNote(value),
    combination: (c: Combination) => form.applyCombination(c),
    topic: (id: string) => form.chooseTopic(id as TopicId),
    organisation: (id: string) => form.chooseOrganisation(id as OrganisationId),
    outcome: (id: string) => form.chooseOutcome(id as OutcomeId),
    helpKind: (id: string) => form.chooseHelpKind(id as HelpKindId),
    domain: (id: string) => form.chooseDomain(id as DomainId),
  };
}

const Duration = memoised(function Duration({ state, form }: { state: VisitFormState; form: VisitFormStore }) {
  const { t } = useT();
  const running = state.durationSeconds === undefined && !!state.openedAt;
  const now = useTick(running);
  const seconds = elapsedSeconds(state, now);
  return (
    <div class="duration" role="group" aria-label={t('desk.duration.label')}>
      <span class="duration-label" aria-hidden="true">
        {t('desk.duration.short')}
      </span>
      <span class={`clock${running ? ' running' : ''}`} aria-label={t('desk.duration.current', { minutes: Math.round(seconds / 60) })}>
        {formatDuration(seconds)}
      </span>
      <button type="button" class="step" aria-label={t('desk.duration.less')} onClick={() => form.adjustDuration(-60)}>
        −1
      </button>
      <button type="button" class="step" aria-label={t('desk.duration.more')} onClick={() => form.adjustDuration(60)}>
        +1
      </button>
      <DurationPresets state={state} form={form} compact />
      {state.mode === 'new' && state.durationSeconds !== undefined ? (
        <button type="button" class="secondary small" onClick={() => form.runTimer()}>
          {t('desk.duration.runTimer')}
        </button>
      ) : null}
    </div>
  );
});

function DurationPresets({ state, form, compact }: { state: VisitFormState; form: VisitFormStore; compact?: boolean }) {
  const { t } = useT();
  const current = state.durationSeconds;
  const buttons = DURATION_PRESETS_MIN.map((min) => (
    <button
      type="button"
      key={min}
      class="preset-duration"
      aria-pressed={current === min * 60}
      aria-label={t('desk.duration.preset', { count: min })}
      onClick={() => form.setDuration(min * 60)}
    >
      {t('desk.duration.presetShort', { count: min })}
    </button>
  ));
  if (compact) return <span class="duration-presets">{buttons}</span>;
  return (
    <fieldset class="choice-group">
      <legend>{t('desk.duration.labelWithValue', { value: formatDuration(elapsedSeconds(state)) })}</legend>
      <div class="duration-presets">
        <button type="button" class="step" aria-label={t('desk.duration.less')} onClick={() => form.adjustDuration(-60)}>
          −1
        </button>
        {buttons}
        <button type="button" class="step" aria-label={t('desk.duration.more')} onClick={() => form.adjustDuration(60)}>
          +1
        </button>
      </div>
    </fieldset>
  );
}

function BackdatedFields({ state, form, idPrefix }: { state: VisitFormState; form: VisitFormStore; idPrefix: string }) {
  const { t } = useT();
  return (
    <div class="backdated-fields">
      <div>
        <label for={`${idPrefix}-date`}>{t('desk.catchUp.date')}</label>
        <input
          id={`${idPrefix}-date`}
          type="date"
          value={state.backDate}
          onInput={(e) => form.setBackDate((e.target as HTMLInputElement).value)}
        />
      </div>
      <div>
        <label for={`${idPrefix}-time`}>{t('desk.catchUp.time')}</label>
        <input
          id={`${idPrefix}-time`}
          type="time"
          value={state.backTime}
          onInput={(e) => form.setBackTime((e.target as HTMLInputElement).value)}
        />
      </div>
    </div>
  );
}

function Presets({ recent, onPick }: { recent: Combination[]; onPick: (c: Combination) => void }) {
  const { t, lang } = useT();
  return (
    <fieldset class="choice-group presets">
      <legend>{t('desk.form.recent')}</legend>
      <div class="choices">
        {recent.map((c) => {
          const parts = [
            termLabel(TOPICS, c.topic, lang),
            termLabel(ORGANISATIONS, c.organisation, lang),
            termLabel(OUTCOMES, c.outcome, lang),
          ];
          // Named only when overridden, so two combinations that differ just there can be told apart.
          if (c.helpKind !== defaultHelpKind(c.topic, c.outcome)) parts.push(termLabel(HELP_KINDS, c.helpKind, lang));
          if (c.domain !== TOPIC_DOMAIN[c.topic]) parts.push(termLabel(DOMAINS, c.domain, lang));
          return (
            <button type="button" key={combinationKey(c)} class="choice preset" onClick={() => onPick(c)}>
              {parts.join(' – ')}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

function QuestionTabs({ state, form }: { state: VisitFormState; form: VisitFormStore }) {
  const { t, lang } = useT();
  return (
    <div class="question-tabs" role="group" aria-label={t('desk.form.questions')}>
      {state.questions.length > 1
        ? state.questions.map((q, i) => (
            <button type="button" key={i} class="question-tab" aria-pressed={i === state.current} onClick={() => form.selectQuestion(i)}>
              {t('desk.form.questionN', { n: i + 1 })}
              {q.topic ? `: ${termLabel(TOPICS, q.topic, lang)}` : ''}
            </button>
          ))
        : null}
      <button type="button" class="secondary add-question" onClick={() => form.addQuestion()}>
        {t('desk.form.addQuestion')}
      </button>
      {state.questions.length > 1 ? (
        <button type="button" class="secondary" onClick={() => form.removeQuestion(state.current)}>
          {t('desk.form.removeQuestion', { n: state.current + 1 })}
        </button>
      ) : null}
    </div>
  );
}

const QuestionEditor = memoised(function QuestionEditor({
  q,
  n,
  usage,
  form,
  addRef,
  onPickReferral,
}: {
  q: DraftQuestion;
  n: number;
  usage: Awaited<ReturnType<typeof deskUsage>> | undefined;
  form: VisitFormStore;
  addRef: Ref<HTMLButtonElement>;
  onPickReferral: () => void;
}) {
  const { t, lang } = useT();
  const helpKind = effectiveHelpKind(q);
  const domain = effectiveDomain(q);
  const on = useMemo(() => choiceHandlers(form), [form]);
  const topics = useMemo(() => labelled(byUse(TOPICS, usage?.topics), lang), [usage, lang]);
  const organisations = useMemo(() => labelled(byUse(ORGANISATIONS, usage?.organisations), lang), [usage, lang]);
  const outcomes = useMemo(() => labelled(OUTCOMES, lang), [lang]);
  const helpKinds = useMemo(() => labelled(HELP_KINDS, lang), [lang]);
  const domains = useMemo(() => labelled(DOMAINS, lang), [lang]);
  return (
    <section class="question" aria-label={t('desk.form.questionN', { n })}>
      <ChoiceGroup legend={t('visit.topic')} choices={topics} value={q.topic} onChange={on.topic} />
      <ChoiceGroup legend={t('visit.organisation')} choices={organisations} value={q.organisation} onChange={on.organisation} />
      <ChoiceGroup legend={t('visit.outcome')} choices={outcomes} value={q.outcome} onChange={on.outcome} />

      <fieldset class="choice-group referrals">
        <legend>{t('desk.referral.title')}</legend>
        {q.referrals.length ? (
          <ul class="referral-list">
            {q.referrals.map((r, i) => (
              <li key={i}>
                <span>{referralText(r, t, lang)}</span>
                <button
                  type="button"
                  class="secondary small"
                  aria-label={t('desk.referral.removeOne', { what: referralText(r, t, lang) })}
                  onClick={() => form.removeReferral(i)}
                >
                  {t('desk.referral.remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <button type="button" class="secondary" ref={addRef} onClick={onPickReferral}>
          {t('desk.referral.add')}
        </button>
      </fieldset>

      <details class="question-details">
        <summary>
          {t('desk.form.moreAbout', {
            helpKind: helpKind ? termLabel(HELP_KINDS, helpKind, lang) : t('desk.form.notYet'),
            domain: domain ? termLabel(DOMAINS, domain, lang) : t('desk.form.notYet'),
          })}
        </summary>
        <ChoiceGroup legend={t('desk.form.helpKind')} choices={helpKinds} value={helpKind} onChange={on.helpKind} />
        <ChoiceGroup legend={t('desk.form.domain')} choices={domains} value={domain} onChange={on.domain} />
        <fieldset class="choice-group">
          <legend>{t('desk.form.actions')}</legend>
          <div class="choices">
            {ACTIONS.map((a) => (
              <button
                type="button"
                key={a.id}
                class="choice"
                aria-pressed={q.actions.includes(a.id)}
                onClick={() => form.toggleAction(a.id as ActionId)}
              >
                {termLabel(ACTIONS, a.id, lang)}
              </button>
            ))}
          </div>
        </fieldset>
      </details>
    </section>
  );
});
