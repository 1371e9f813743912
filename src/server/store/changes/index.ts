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
};

export function handlerFor(type: string): ChangeHandler | undefined {
  return Object.hasOwn(changeHandlers, type) ? changeHandlers[type as ChangeType] : undefined;
}
