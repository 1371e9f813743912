import { correctionSchema, type VisitDetail } from '../../shared/console';
import {
  ACTIONS,
  CHANNELS,
  DOMAINS,
  HELP_KINDS,
  ORGANISATIONS,
  OUTCOMES,
  REFERRAL_MODES,
  TOPICS,
  TOPIC_DOMAIN,
  termLabel,
  type TopicId,
} from '../../shared/taxonomy';
import type { Question, Referral, Visit } from '../../shared/visit';
import { formatMinutes, languageName } from '../i18n/format';

/**
 * A coordinator's correction of a visit: what the form edits, how it becomes a visit the
 * shared schema accepts, and how the reported values differ from the tablet's record.
 */

type T = (key: string, options?: Record<string, unknown>) => string;

/** What the console reports: the latest correction, else the record as the tablet sent it. */
export function reportedVisit(detail: VisitDetail): Visit {
  return (detail.corrections.at(-1)?.payload ?? detail.original) as Visit;
}

export const QUESTION_FIELDS = ['helpKind', 'organisation', 'topic', 'outcome'] as const;
export type QuestionField = (typeof QUESTION_FIELDS)[number];
export const QUESTION_TERMS = { helpKind: HELP_KINDS, organisation: ORGANISATIONS, topic: TOPICS, outcome: OUTCOMES } as const;

export interface CorrectionDraft {
  channel: string;
  /** As typed: the form keeps what the coordinator wrote until the schema has judged it. */
  minutes: string;
  note: string;
  questions: Array<Record<QuestionField, string>>;
}

export function draftOf(visit: Visit): CorrectionDraft {
  return {
    channel: visit.channel,
    minutes: String(Math.round(visit.durationSeconds / 60)),
    note: visit.note ?? '',
    questions: visit.questions.map((q) => ({ helpKind: q.helpKind, organisation: q.organisation, topic: q.topic, outcome: q.outcome })),
  };
}

/** The draft applied to the visit it corrects; everything the form does not show stays as it was. */
export function correctedVisit(base: Visit, draft: CorrectionDraft): Record<string, unknown> {
  const typed = draft.minutes.trim();
  return {
    ...base,
    channel: draft.channel,
    durationSeconds: typed === '' ? Number.NaN : Math.round(Number(typed) * 60),
    note: draft.note.trim() === '' ? null : draft.note,
    questions: base.questions.map((q, i) => {
      const d = draft.questions[i];
      if (!d) return q;
      // The group a question counts under in the KB registration follows its topic, as on the
      // desk; a domain the volunteer chose by hand stays while the topic is left alone.
      const domain = d.topic === q.topic ? q.domain : (TOPIC_DOMAIN[d.topic as TopicId] ?? q.domain);
      return { ...q, ...d, domain };
    }),
  };
}

/** A field of the form the schema refused, named as the form names it. */
export type FieldKey = 'channel' | 'minutes' | 'note' | `q${number}.${QuestionField}` | 'elsewhere';

export type CorrectionCheck =
  { ok: true; body: { visit: Visit; comment: string | null } } | { ok: false; fields: FieldKey[]; personalData: boolean };

/** Judged by the same schema the server applies, so a refused correction is explained before it is sent. */
export function checkCorrection(base: Visit, draft: CorrectionDraft, comment: string): CorrectionCheck {
  const parsed = correctionSchema.safeParse({ visit: correctedVisit(base, draft), comment: comment.trim() === '' ? null : comment });
  if (parsed.success) return { ok: true, body: { visit: parsed.data.visit, comment: parsed.data.comment ?? null } };
  const fields = new Set<FieldKey>();
  let personalData = false;
  for (const issue of parsed.error.issues) {
    const [root, field, index, name] = issue.path.map(String);
    if (root !== 'visit') continue;
    if (field === 'durationSeconds') fields.add('minutes');
    else if (field === 'channel') fields.add(field);
    else if (field === 'note') {
      fields.add(field);
      if (issue.message.startsWith('contains personal data')) personalData = true;
    } else if (field === 'questions' && (QUESTION_FIELDS as readonly string[]).includes(name ?? ''))
      fields.add(`q${Number(index)}.${name as QuestionField}`);
    // A part the form does not show, e.g. a record made under older rules: said, not hidden.
    else fields.add('elsewhere');
  }
  return { ok: false, fields: [...fields], personalData };
}

export function fieldName(key: FieldKey, t: T): string {
  const m = /^q(\d+)\.(\w+)$/.exec(key);
  if (m) return `${t('console.correct.question', { n: Number(m[1]) + 1 })} · ${t(`console.filter.${m[2]}`)}`;
  const keys: Record<Exclude<FieldKey, `q${number}.${QuestionField}`>, string> = {
    channel: 'console.filter.channel',
    minutes: 'console.correct.minutes',
    note: 'console.visits.note',
    elsewhere: 'console.correct.elsewhere',
  };
  return t(keys[key as keyof typeof keys]);
}

export interface Difference {
  key: string;
  field: string;
  corrected: string;
  original: string;
}

const NOTHING = '—';

function referralText(r: Referral, lang: string): string {
  const target =
    r.target.kind === 'partner'
      ? termLabel(ORGANISATIONS, r.target.organisation, lang)
      : r.target.kind === 'catalogue'
        ? r.target.label
        : r.target.text;
  return `${target} (${termLabel(REFERRAL_MODES, r.mode, lang)})`;
}

/**
 * Every field in which the reported visit differs from the tablet's record, both sides
 * in the reader's words. A question present on one side only shows a dash on the other.
 */
export function differences(original: Visit, corrected: Visit, t: T, lang: string): Difference[] {
  const out: Difference[] = [];
  const add = (key: string, field: string, a: string, b: string) => {
    if (a !== b) out.push({ key, field, corrected: b, original: a });
  };
  const yesNo = (v: boolean | null | undefined) =>
    t(v === true ? 'console.correct.yes' : v === false ? 'console.correct.no' : 'console.correct.unknown');
  const language = (code: string | null | undefined) => (code ? languageName(code, lang) : NOTHING);
  add('channel', t('console.filter.channel'), termLabel(CHANNELS, original.channel, lang), termLabel(CHANNELS, corrected.channel, lang));
  add(
    'duration',
    t('console.visits.duration'),
    formatMinutes(original.durationSeconds, lang),
    formatMinutes(corrected.durationSeconds, lang),
  );
  add('returning', t('console.correct.returning'), yesNo(original.returning), yesNo(corrected.returning));
  add('language', t('console.correct.language'), language(original.language), language(corrected.language));
  add('backdated', t('console.correct.backdated'), yesNo(original.backdated), yesNo(corrected.backdated));
  add('note', t('console.visits.note'), original.note || NOTHING, corrected.note || NOTHING);
  const questionFields: Array<[keyof Question, string, (q: Question) => string]> = [
    ['helpKind', t('console.filter.helpKind'), (q) => termLabel(HELP_KINDS, q.helpKind, lang)],
    ['domain', t('console.correct.domain'), (q) => termLabel(DOMAINS, q.domain, lang)],
    ['organisation', t('console.filter.organisation'), (q) => termLabel(ORGANISATIONS, q.organisation, lang)],
    ['topic', t('console.filter.topic'), (q) => termLabel(TOPICS, q.topic, lang)],
    ['outcome', t('console.filter.outcome'), (q) => termLabel(OUTCOMES, q.outcome, lang)],
    ['actions', t('console.correct.actions'), (q) => (q.actions ?? []).map((a) => termLabel(ACTIONS, a, lang)).join(', ') || NOTHING],
    ['referrals', t('console.filter.referral'), (q) => (q.referrals ?? []).map((r) => referralText(r, lang)).join('; ') || NOTHING],
  ];
  const count = Math.max(original.questions.length, corrected.questions.length);
  for (let i = 0; i < count; i++) {
    const a = original.questions[i];
    const b = corrected.questions[i];
    for (const [name, label, show] of questionFields) {
      add(`q${i}.${name}`, `${t('console.correct.question', { n: i + 1 })} · ${label}`, a ? show(a) : NOTHING, b ? show(b) : NOTHING);
    }
  }
  return out;
}
