import { answersByQuestion, type SurveyResponse } from '../../shared/survey';
import type { Queryable } from './database';

/** Stores a visitor's survey answers; a replay of the same id is 'exists'. */
export async function insertSurveyResponse(tx: Queryable, response: SurveyResponse, deviceSeq: number): Promise<'inserted' | 'exists'> {
  const { rows } = await tx.query(
    `INSERT INTO survey_responses (id, device_id, location_id, visit_id, survey_version, language, municipality, answers, comment, answered_at, device_seq, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, LEAST($10::timestamptz, now()), $11, $12)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      response.id,
      response.deviceId,
      response.locationId,
      response.visitId,
      response.surveyVersion,
      response.language,
      response.municipality ?? null,
      JSON.stringify(answersByQuestion(response)),
      response.comment,
      response.answeredAt,
      deviceSeq,
      JSON.stringify(response),
    ],
  );
  return rows.length > 0 ? 'inserted' : 'exists';
}

/** Who sent a stored response, and what they sent. */
export async function storedSurveyResponse(tx: Queryable, id: string): Promise<{ deviceId: string; payload: unknown } | undefined> {
  const { rows } = await tx.query<{ device_id: string; payload: unknown }>(
    'SELECT device_id, payload FROM survey_responses WHERE id = $1',
    [id],
  );
  return rows[0] && { deviceId: rows[0].device_id, payload: rows[0].payload };
}

/** The device that recorded a visit, when the server holds it. */
export async function visitDevice(tx: Queryable, visitId: string): Promise<string | undefined> {
  const { rows } = await tx.query<{ device_id: string }>('SELECT device_id FROM visits WHERE id = $1', [visitId]);
  return rows[0]?.device_id;
}
