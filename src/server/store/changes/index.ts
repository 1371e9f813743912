import type { ChangeType } from '../../../shared/sync';
import type { ChangeHandler } from './types';
import { visitCreate } from './visit-create';
import { helpRequestCreate } from './help-request-create';
import { helpRequestTake } from './help-request-take';
import { interestCreate } from './interest-create';
import { visitUpdate } from './visit-update';
import { visitVoid } from './visit-void';
import { tallyCreate } from './tally-create';
import { followUpMark } from './follow-up-mark';
import { surveyCreate } from './survey-create';
import { courseParticipantAdd } from './course-participant-add';
import { courseAttendanceMark } from './course-attendance-mark';
import { courseParticipantEnd } from './course-participant-end';
import { courseAssessmentCreate } from './course-assessment-create';

/** One handler per versioned change type in shared/sync.ts CHANGE_TYPES. */
export const changeHandlers: Record<ChangeType, ChangeHandler> = {
  'visit.create@1': visitCreate,
  'helpRequest.create@1': helpRequestCreate,
  'interest.create@1': interestCreate,
  'helpRequest.take@1': helpRequestTake,
  'visit.update@1': visitUpdate,
  'visit.void@1': visitVoid,
  'tally.create@1': tallyCreate,
  'followUp.mark@1': followUpMark,
  'survey.create@1': surveyCreate,
  'courseParticipant.add@1': courseParticipantAdd,
  'courseAttendance.mark@1': courseAttendanceMark,
  'courseParticipant.end@1': courseParticipantEnd,
  'courseAssessment.create@1': courseAssessmentCreate,
};

export function handlerFor(type: string): ChangeHandler | undefined {
  return Object.hasOwn(changeHandlers, type) ? changeHandlers[type as ChangeType] : undefined;
}
