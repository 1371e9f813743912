import { describe, expect, it } from 'vitest';
import { ASSESSMENT_SETS, STOP_REASONS } from '../../src/shared/course-runs';
import { STATEMENT_NL, STOP_REASON_NL } from '../../src/server/store/console/report-labels';
import courses from '../../src/app/console/courses/nl.json' with { type: 'json' };

/** The report export names stop reasons and statements as the console does, for every one there is. */
describe("the report export speaks the console's Dutch", () => {
  it('names every stop reason as the console', () => {
    expect(Object.keys(STOP_REASON_NL).sort()).toEqual([...STOP_REASONS].sort());
    for (const reason of STOP_REASONS) expect(STOP_REASON_NL[reason]).toBe(courses.courses.reasons[reason]);
  });
  it('names every self-assessment statement of every version as the console', () => {
    for (const [version, sets] of Object.entries(ASSESSMENT_SETS)) {
      const texts = (courses.courses.statementTexts as Record<string, Record<string, string>>)[`v${version}`]!;
      for (const statement of Object.values(sets).flat())
        expect(STATEMENT_NL[Number(version)]?.[statement], statement).toBe(texts[statement]);
    }
  });
});
