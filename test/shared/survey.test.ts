import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LANGUAGES } from '../../src/shared/i18n-text';
import { SURVEY_SETS, answersByQuestion, choicesOf, surveyResponseSchema } from '../../src/shared/survey';
import { uuidv7 } from '../../src/shared/ids';

const load = (lang: string) => JSON.parse(readFileSync(`src/app/i18n/locales/${lang}/survey.json`, 'utf8')) as Record<string, unknown>;
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const leaf = (tree: unknown, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

const response = (answers: Array<{ question: string; choice: string }>, extra: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  deviceId: uuidv7(),
  locationId: uuidv7(),
  visitId: null,
  surveyVersion: 1,
  language: 'nl',
  answers,
  answeredAt: new Date().toISOString(),
  ...extra,
});

describe('the visitor survey', () => {
  it('has between four and six questions of three or five pictogram choices in every version', () => {
    for (const set of Object.values(SURVEY_SETS)) {
      expect(set.length).toBeGreaterThanOrEqual(4);
      expect(set.length).toBeLessThanOrEqual(6);
      for (const q of set) expect([3, 5]).toContain(choicesOf(q.scale).length);
    }
  });

  it('has every question and answer of every version in all six languages, with the same keys as Dutch', () => {
    const dutch = keys(load('nl')).sort();
    for (const [version, set] of Object.entries(SURVEY_SETS))
      for (const q of set)
        for (const key of ['text', ...choicesOf(q.scale)])
          expect(leaf(load('nl'), `questions.v${version}.${q.id}.${key}`), `${q.id}.${key}`).toBeTypeOf('string');
    for (const lang of LANGUAGES) {
      const own = load(lang);
      expect(keys(own).sort(), lang).toEqual(dutch);
      for (const key of dutch) expect(String(leaf(own, key)).trim().length, `${lang}: ${key}`).toBeGreaterThan(0);
    }
    expect(leaf(load('ar'), 'title')).toMatch(/[\u0600-\u06FF]/);
  });

  it('accepts skipped questions and refuses unknown versions, questions, choices, repeats and personal data in the comment', () => {
    expect(surveyResponseSchema.safeParse(response([])).success).toBe(true);
    const ok = surveyResponseSchema.parse(
      response(
        [
          { question: 'helped', choice: 'yes' },
          { question: 'confidence', choice: '4' },
        ],
        { comment: 'Fijn geholpen' },
      ),
    );
    expect(answersByQuestion(ok)).toEqual({ helped: 'yes', confidence: '4' });
    const refused = (r: unknown) => surveyResponseSchema.safeParse(r).success;
    expect(refused(response([], { surveyVersion: 99 }))).toBe(false);
    expect(refused(response([{ question: 'age', choice: 'yes' }]))).toBe(false);
    expect(refused(response([{ question: 'confidence', choice: 'yes' }]))).toBe(false);
    expect(
      refused(
        response([
          { question: 'helped', choice: 'yes' },
          { question: 'helped', choice: 'no' },
        ]),
      ),
    ).toBe(false);
    expect(refused(response([], { comment: 'mijn nummer is 06-12345678' }))).toBe(false);
    expect(refused(response([], { municipality: '1234 AB' }))).toBe(false);
    expect(refused(response([], { firstName: 'Fatima' }))).toBe(false);
  });
});
