import { surveyResponseSchema } from '../../../shared/survey';
import { describeIssues } from '../../../shared/zod';
import { insertSurveyResponse, storedSurveyResponse, visitDevice } from '../survey';
import { changedRecordReason, sameContent } from './same-record';
import type { ChangeHandler } from './types';

/**
 * survey.create@1: a visitor's answers, from a desk handed over after a visit or from a kiosk.
 * A desk's answers name the visit they followed; that visit, when stored, is this tablet's own.
 */
export const surveyCreate: ChangeHandler = async (tx, device, entry) => {
  const parsed = surveyResponseSchema.safeParse(entry.payload);
  if (!parsed.success) return { ok: false, reason: `invalid survey answers: ${describeIssues(parsed.error)}` };
  const response = parsed.data;
  if (response.id !== entry.recordId) return { ok: false, reason: 'record id does not match the survey response id' };
  if (response.deviceId !== device.id) return { ok: false, reason: 'survey was answered on another device' };
  if (response.locationId !== device.locationId) return { ok: false, reason: "survey is for another location than this device's" };
  if (response.visitId !== null) {
    if (device.kind !== 'desk') return { ok: false, reason: 'only a desk tablet links survey answers to a visit' };
    const recordedBy = await visitDevice(tx, response.visitId);
    // Not stored (refused, say): the answers still count, without the visit's topic.
    if (recordedBy !== undefined && recordedBy !== device.id) return { ok: false, reason: 'the visit was recorded by another tablet' };
  }
  if ((await insertSurveyResponse(tx, response, entry.seq)) === 'inserted') return { ok: true };
  const stored = await storedSurveyResponse(tx, response.id);
  if (stored?.deviceId !== device.id) return { ok: false, reason: 'a survey response with this id already exists' };
  return sameContent(stored.payload, response) ? { ok: true } : { ok: false, reason: changedRecordReason('a survey response') };
};
