import { createStore } from 'zustand/vanilla';
import { uuidv7 } from '../../shared/ids';
import { TOPIC_DOMAIN, TOPIC_ORGANISATION, defaultHelpKind, type OrganisationId, type OutcomeId, type TopicId } from '../../shared/taxonomy';
import { MAX_DURATION_SECONDS, type VisitInput } from '../../shared/visit';
import type { DeviceRecord } from '../db/database';

/** The visit being recorded: UI state only; it reaches the database through recordVisit. */
export interface VisitForm {
  /** When the volunteer started on this visit (first tap), for the duration. */
  openedAt?: string;
  topic?: TopicId;
  organisation?: OrganisationId;
  outcome?: OutcomeId;
  note: string;
}

export const visitForm = createStore<VisitForm>(() => ({ note: '' }));

function touch(): Partial<VisitForm> {
  return visitForm.getState().openedAt ? {} : { openedAt: new Date().toISOString() };
}

export function chooseTopic(topic: TopicId): void {
  const organisation = TOPIC_ORGANISATION[topic] ?? visitForm.getState().organisation;
  visitForm.setState({ ...touch(), topic, organisation });
}
export function chooseOrganisation(organisation: OrganisationId): void {
  visitForm.setState({ ...touch(), organisation });
}
export function chooseOutcome(outcome: OutcomeId): void {
  visitForm.setState({ ...touch(), outcome });
}
export function setNote(note: string): void {
  visitForm.setState({ ...touch(), note });
}
export function clearForm(): void {
  visitForm.setState({ openedAt: undefined, topic: undefined, organisation: undefined, outcome: undefined, note: '' }, true);
}

export type MissingField = 'topic' | 'organisation' | 'outcome';

export function missingFields(form: VisitForm): MissingField[] {
  const missing: MissingField[] = [];
  if (!form.topic) missing.push('topic');
  if (!form.organisation) missing.push('organisation');
  if (!form.outcome) missing.push('outcome');
  return missing;
}

/** Turns the form into a visit for this device; call only when nothing is missing. */
export function buildVisit(form: VisitForm, device: DeviceRecord, now = new Date()): VisitInput {
  const startedAt = form.openedAt ?? now.toISOString();
  const durationSeconds = Math.min(MAX_DURATION_SECONDS, Math.max(0, Math.round((now.getTime() - Date.parse(startedAt)) / 1000)));
  const topic = form.topic!;
  const outcome = form.outcome!;
  return {
    id: uuidv7(now.getTime()),
    deviceId: device.deviceId,
    locationId: device.location.id,
    volunteerId: null,
    startedAt,
    durationSeconds,
    channel: 'walk_in',
    note: form.note.trim() ? form.note : null,
    questions: [
      {
        helpKind: defaultHelpKind(topic, outcome),
        domain: TOPIC_DOMAIN[topic],
        organisation: form.organisation!,
        topic,
        outcome,
      },
    ],
  };
}
