import { createStore, type StoreApi } from 'zustand/vanilla';
import { uuidv7 } from '../../shared/ids';
import {
  TOPIC_DOMAIN,
  TOPIC_ORGANISATION,
  defaultHelpKind,
  type ActionId,
  type ChannelId,
  type DomainId,
  type HelpKindId,
  type OrganisationId,
  type OutcomeId,
  type TopicId,
} from '../../shared/taxonomy';
import type { Question, Referral, Visit, VisitInput } from '../../shared/visit';
import { MAX_DURATION_SECONDS } from '../../shared/visit-constants';
import type { DeviceRecord } from '../db/database';
import type { Combination } from './desk-data';

/**
 * The visit being recorded, corrected or entered afterwards: UI state only; it
 * reaches the database through recordVisit / updateVisit. One store per use
 * (recording, catch-up, correcting), so switching tabs never mixes two drafts.
 */

export interface DraftQuestion {
  topic?: TopicId;
  organisation?: OrganisationId;
  outcome?: OutcomeId;
  /** Set only when the volunteer overrides the default from topic and outcome. */
  helpKind?: HelpKindId;
  /** Set only when the volunteer overrides the topic's default group. */
  domain?: DomainId;
  actions: ActionId[];
  referrals: Referral[];
}

export type FormMode = 'new' | 'backdated' | 'edit';

export interface VisitFormState {
  mode: FormMode;
  /** The visit being corrected (mode edit). */
  original?: Visit;
  /** When the volunteer started on this visit (first tap): the timer runs from here. */
  openedAt?: string;
  /** Backdated: the local date (YYYY-MM-DD) and time (HH:MM) from the paper sheet. */
  backDate: string;
  backTime: string;
  /** A duration set by hand; while undefined the timer runs. */
  durationSeconds?: number;
  channel: ChannelId;
  returning: boolean | null;
  language: string | null;
  /** The visitor's municipality (CBS code), one the location serves; null: not asked. */
  municipality: string | null;
  note: string;
  questions: DraftQuestion[];
  current: number;
}

export const MAX_QUESTIONS = 20;
export const DEFAULT_LANGUAGE = 'nl';

function emptyQuestion(): DraftQuestion {
  return { actions: [], referrals: [] };
}

function initial(mode: FormMode): VisitFormState {
  return {
    mode,
    backDate: '',
    backTime: '',
    durationSeconds: mode === 'backdated' ? 10 * 60 : undefined,
    channel: 'walk_in',
    returning: null,
    language: DEFAULT_LANGUAGE,
    municipality: null,
    note: '',
    questions: [emptyQuestion()],
    current: 0,
  };
}

export function effectiveHelpKind(q: DraftQuestion): HelpKindId | undefined {
  if (q.helpKind) return q.helpKind;
  return q.topic && q.outcome ? defaultHelpKind(q.topic, q.outcome) : undefined;
}

export function effectiveDomain(q: DraftQuestion): DomainId | undefined {
  return q.domain ?? (q.topic ? TOPIC_DOMAIN[q.topic] : undefined);
}

export function elapsedSeconds(state: VisitFormState, now = Date.now()): number {
  if (state.durationSeconds !== undefined) return state.durationSeconds;
  if (!state.openedAt) return 0;
  return Math.min(MAX_DURATION_SECONDS, Math.max(0, Math.round((now - Date.parse(state.openedAt)) / 1000)));
}

export type VisitFormStore = ReturnType<typeof createVisitForm>;

export function createVisitForm(mode: FormMode) {
  const store: StoreApi<VisitFormState> = createStore<VisitFormState>(() => initial(mode));

  const touch = (): Partial<VisitFormState> => (store.getState().openedAt ? {} : { openedAt: new Date().toISOString() });
  const setDuration = (seconds: number) => {
    store.setState({ ...touch(), durationSeconds: Math.min(MAX_DURATION_SECONDS, Math.max(0, Math.round(seconds))) });
  };
  const patchQuestion = (patch: (q: DraftQuestion) => DraftQuestion) => {
    const s = store.getState();
    const questions = s.questions.map((q, i) => (i === s.current ? patch(q) : q));
    store.setState({ ...touch(), questions });
  };

  return {
    store,
    chooseTopic(topic: TopicId) {
      patchQuestion((q) => ({ ...q, topic, organisation: TOPIC_ORGANISATION[topic] ?? q.organisation, domain: undefined }));
    },
    chooseOrganisation(organisation: OrganisationId) {
      patchQuestion((q) => ({ ...q, organisation }));
    },
    chooseOutcome(outcome: OutcomeId) {
      patchQuestion((q) => ({ ...q, outcome }));
    },
    chooseHelpKind(helpKind: HelpKindId) {
      patchQuestion((q) => ({ ...q, helpKind }));
    },
    chooseDomain(domain: DomainId) {
      patchQuestion((q) => ({ ...q, domain }));
    },
    toggleAction(action: ActionId) {
      patchQuestion((q) => ({
        ...q,
        actions: q.actions.includes(action) ? q.actions.filter((a) => a !== action) : [...q.actions, action],
      }));
    },
    addReferral(referral: Referral) {
      patchQuestion((q) => ({ ...q, referrals: [...q.referrals, referral].slice(0, 10) }));
    },
    removeReferral(index: number) {
      patchQuestion((q) => ({ ...q, referrals: q.referrals.filter((_, i) => i !== index) }));
    },
    /**
     * A recent combination in one tap: fills the current question. Kind of help and group
     * are kept as overrides only where they differ from what topic and outcome give, so a
     * later change of outcome works out the kind of help as after choosing by hand.
     */
    applyCombination(c: Combination) {
      patchQuestion((q) => ({
        ...q,
        topic: c.topic,
        organisation: c.organisation,
        outcome: c.outcome,
        helpKind: c.helpKind === defaultHelpKind(c.topic, c.outcome) ? undefined : c.helpKind,
        domain: c.domain === TOPIC_DOMAIN[c.topic] ? undefined : c.domain,
      }));
    },
    addQuestion() {
      const s = store.getState();
      if (s.questions.length >= MAX_QUESTIONS) return;
      store.setState({ ...touch(), questions: [...s.questions, emptyQuestion()], current: s.questions.length });
    },
    selectQuestion(index: number) {
      store.setState({ current: Math.max(0, Math.min(index, store.getState().questions.length - 1)) });
    },
    removeQuestion(index: number) {
      const s = store.getState();
      if (s.questions.length <= 1) return;
      const questions = s.questions.filter((_, i) => i !== index);
      store.setState({ questions, current: Math.min(s.current >= index ? Math.max(0, s.current - 1) : s.current, questions.length - 1) });
    },
    setChannel(channel: ChannelId) {
      store.setState({ ...touch(), channel });
    },
    setReturning(returning: boolean | null) {
      store.setState({ ...touch(), returning });
    },
    setMunicipality(municipality: string | null) {
      store.setState({ ...touch(), municipality });
    },
    setLanguage(language: string | null) {
      store.setState({ ...touch(), language });
    },
    setNote(note: string) {
      store.setState({ ...touch(), note });
    },
    setBackDate(backDate: string) {
      store.setState({ backDate });
    },
    setBackTime(backTime: string) {
      store.setState({ backTime });
    },
    /** Sets the duration by hand (stops the running timer). */
    setDuration,
    adjustDuration(deltaSeconds: number) {
      setDuration(elapsedSeconds(store.getState()) + deltaSeconds);
    },
    /** Back to the running timer (new visits only). */
    runTimer() {
      store.setState({ durationSeconds: undefined });
    },
    /** Loads a stored visit for correcting. */
    load(visit: Visit) {
      const {
        id,
        deviceId,
        locationId,
        volunteerId,
        startedAt,
        durationSeconds,
        channel,
        returning,
        language,
        note,
        backdated,
        questions,
        municipality,
      } = visit;
      const original: Visit = {
        id,
        deviceId,
        locationId,
        volunteerId,
        startedAt,
        durationSeconds,
        channel,
        returning,
        language,
        note,
        backdated,
        questions,
        ...(municipality ? { municipality } : {}),
      };
      store.setState(
        {
          ...initial('edit'),
          original,
          openedAt: visit.startedAt,
          durationSeconds: visit.durationSeconds,
          channel: visit.channel,
          returning: visit.returning,
          language: visit.language,
          municipality: visit.municipality ?? null,
          note: visit.note ?? '',
          questions: visit.questions.map((q) => ({
            topic: q.topic,
            organisation: q.organisation,
            outcome: q.outcome,
            helpKind: q.helpKind,
            domain: q.domain,
            actions: [...q.actions],
            referrals: [...q.referrals],
          })),
        },
        true,
      );
    },
    clear() {
      store.setState(initial(mode), true);
    },
  };
}

export type MissingField = 'topic' | 'organisation' | 'outcome' | 'when' | 'future';

export interface Missing {
  field: MissingField;
  /** 0-based question index, for question fields. */
  question?: number;
}

/** Local date and time from the catch-up inputs, as an ISO instant; undefined when incomplete. */
export function backdatedStart(state: VisitFormState): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(state.backDate) || !/^\d{2}:\d{2}$/.test(state.backTime)) return undefined;
  const [y, m, d] = state.backDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = state.backTime.split(':').map(Number) as [number, number];
  const at = new Date(y, m - 1, d, hh, mm);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

export function missingFields(state: VisitFormState, now = new Date()): Missing[] {
  const missing: Missing[] = [];
  if (state.mode === 'backdated') {
    const at = backdatedStart(state);
    if (!at) missing.push({ field: 'when' });
    else if (Date.parse(at) > now.getTime()) missing.push({ field: 'future' });
  }
  state.questions.forEach((q, i) => {
    if (!q.topic) missing.push({ field: 'topic', question: i });
    if (!q.organisation) missing.push({ field: 'organisation', question: i });
    if (!q.outcome) missing.push({ field: 'outcome', question: i });
  });
  return missing;
}

function question(q: DraftQuestion): Question {
  return {
    helpKind: effectiveHelpKind(q)!,
    domain: effectiveDomain(q)!,
    organisation: q.organisation!,
    topic: q.topic!,
    actions: q.actions,
    outcome: q.outcome!,
    referrals: q.referrals,
  };
}

/** Turns the form into a visit for this device; call only when nothing is missing. */
export function buildVisit(state: VisitFormState, device: DeviceRecord, volunteerId: string | null = null, now = new Date()): VisitInput {
  const common = {
    channel: state.channel,
    returning: state.returning,
    language: state.language,
    note: state.note.trim() ? state.note.trim() : null,
    questions: state.questions.map(question),
    ...(state.municipality ? { municipality: state.municipality } : {}),
  };
  if (state.mode === 'edit' && state.original) {
    const { municipality: _left, ...original } = state.original;
    return { ...original, ...common, durationSeconds: elapsedSeconds(state, now.getTime()) };
  }
  const startedAt = state.mode === 'backdated' ? backdatedStart(state)! : (state.openedAt ?? now.toISOString());
  return {
    id: uuidv7(now.getTime()),
    deviceId: device.deviceId,
    locationId: device.location.id,
    volunteerId,
    startedAt,
    durationSeconds: state.mode === 'backdated' ? (state.durationSeconds ?? 0) : elapsedSeconds(state, now.getTime()),
    backdated: state.mode === 'backdated',
    ...common,
  };
}

/** The three drafts of the desk: recording now, entering afterwards, correcting. */
export const recordForm = createVisitForm('new');
export const catchUpForm = createVisitForm('backdated');
export const editForm = createVisitForm('edit');
