import { createStore } from 'zustand/vanilla';
import type { AssessmentMoment } from '../../shared/course-runs';
import type { LocalCourseRun } from '../db/database';

/**
 * Handing the desk tablet to a course participant for their self-assessment, as the survey
 * is handed over (survey/handover.ts). DeskRoot watches this store: it locks the volunteer's
 * session the moment a hand-over starts, so the desk's screens open again only with a PIN,
 * whatever the participant does, and shows only the self-assessment until it is handed back.
 */
export interface AssessmentHandover {
  run: Pick<LocalCourseRun, 'id' | 'theme' | 'title'>;
  participantId: string;
  moment: AssessmentMoment;
}

export const assessmentHandoverStore = createStore<{ handover?: AssessmentHandover }>(() => ({}));

export function handOverAssessment(handover: AssessmentHandover): void {
  assessmentHandoverStore.setState({ handover }, true);
}

/** The participant gave the tablet back: the locked desk (the sign-in screen) shows. */
export function handBackAssessment(): void {
  assessmentHandoverStore.setState({}, true);
}
