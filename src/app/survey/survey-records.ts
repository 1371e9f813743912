import { surveyResponseSchema, type SurveyResponse, type SurveyResponseInput } from '../../shared/survey';
import type { ChangeType } from '../../shared/sync';
import type { InloopDatabase } from '../db/database';
import { enqueueAlone } from '../db/outbox';

const SURVEY: ChangeType = 'survey.create@1';

/**
 * A visitor's answers go into the outbox only, like what a visitor sends from the kiosk:
 * no other copy stays on the tablet (nobody at the desk may read them), and the entry
 * leaves once the server acknowledged it. Resolves after the transaction committed.
 */
export async function saveSurveyResponse(db: InloopDatabase, input: SurveyResponseInput): Promise<SurveyResponse> {
  const response = surveyResponseSchema.parse(input);
  await enqueueAlone(db, SURVEY, response.id, response);
  return response;
}
