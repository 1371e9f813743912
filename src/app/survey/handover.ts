import { createStore } from 'zustand/vanilla';
import type { TopicId } from '../../shared/taxonomy';
import { lock, volunteerSession, type SessionStore } from '../volunteers/session';

/**
 * Handing the desk tablet to the visitor for the survey. The volunteer's session is
 * locked first, so whatever happens next (the survey closed, crashed or left idle) the
 * desk's screens only open again with a volunteer's PIN.
 */
export interface Handover {
  /** The visit just saved: the answers are linked to it, and to nothing else. */
  visitId: string;
  municipality?: string;
  /** The visit's topic: which courses a "yes" to learning more shows first. */
  topic?: TopicId;
}

export const handoverStore = createStore<{ handover?: Handover }>(() => ({}));

export function handOver(handover: Handover, session: SessionStore = volunteerSession): void {
  lock(session, 'manual');
  handoverStore.setState({ handover }, true);
}

/** The visitor gave the tablet back: the locked desk (the sign-in screen) shows. */
export function handBack(): void {
  handoverStore.setState({}, true);
}
