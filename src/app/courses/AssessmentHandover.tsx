import { useEffect, useRef, useState } from 'preact/hooks';
import { ASSESSMENT_VERSION, assessmentStatements } from '../../shared/course-runs';
import { LANGUAGES, type Language } from '../../shared/i18n-text';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import { HandoverFrame } from '../survey/HandoverFrame';
import { AnswerPicture } from '../survey/pictograms';
import { ReadAloudTool } from '../survey/ReadAloudTool';
import type { AssessmentHandover as Handover } from './assessment-handover';
import { saveAssessment } from './course-run-records';
import { loadCourseTexts } from './course-texts';

const SCORES = ['1', '2', '3', '4', '5'] as const;

/**
 * A course participant's self-assessment on the desk tablet handed over: the statements of
 * the run's theme one per screen, each answered with one tap on a face from "not yet" (1) to
 * "very well" (5) or skipped, read aloud on request, in the participant's language. Saved
 * (into the outbox) when the last statement is answered, or, when the tablet is handed back
 * halfway, with what was answered.
 */
export function AssessmentHandover({ handover, onHandBack }: { handover: Handover; onHandBack: () => void }) {
  return (
    <HandoverFrame loadTexts={loadCourseTexts} onHandBack={onHandBack}>
      {(finish) => <SelfAssessment handover={handover} onFinish={finish} />}
    </HandoverFrame>
  );
}

type Step = { kind: 'intro' } | { kind: 'statement'; index: number } | { kind: 'thanks'; failed: boolean };

function SelfAssessment({ handover, onFinish }: { handover: Handover; onFinish: () => void }) {
  const { t, lang } = useT();
  const statements = assessmentStatements(handover.run.theme, ASSESSMENT_VERSION);
  const [step, setStep] = useState<Step>({ kind: 'intro' });
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const root = useRef<HTMLDivElement>(null);
  const saved = useRef(false);
  const latest = useRef({ answers, lang });
  latest.current = { answers, lang };

  const save = async () => {
    if (saved.current) return;
    saved.current = true;
    const now = latest.current;
    // Every statement skipped: nothing to record, and the run does not count it as given.
    if (Object.keys(now.answers).length === 0) return;
    const language = ((LANGUAGES as readonly string[]).includes(now.lang) ? now.lang : 'nl') as Language;
    try {
      await saveAssessment(
        db,
        handover.run,
        handover.participantId,
        handover.moment,
        language,
        statements.filter((s) => now.answers[s] !== undefined).map((s) => ({ statement: s, score: now.answers[s]! })),
      );
      void syncEngine.syncNow();
    } catch (err) {
      saved.current = false;
      throw err;
    }
  };
  // Handed back (or left idle) halfway: keep what was answered.
  useEffect(() => () => void (Object.keys(latest.current.answers).length > 0 ? save().catch(() => undefined) : undefined), []);

  const stepKey = JSON.stringify(step);
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [stepKey, lang]);

  const next = async (index: number, given: Record<string, number>) => {
    setAnswers(given);
    latest.current = { ...latest.current, answers: given };
    if (index < statements.length - 1) return setStep({ kind: 'statement', index: index + 1 });
    try {
      await save();
      setStep({ kind: 'thanks', failed: false });
    } catch {
      setStep({ kind: 'thanks', failed: true });
    }
  };

  const key = (id: string) => `courses.assessment.statements.v${ASSESSMENT_VERSION}.${id}`;
  return (
    <div class="survey" ref={root}>
      <ReadAloudTool screen={() => root.current?.querySelector<HTMLElement>('.survey-screen')} page={stepKey} />
      <section class="survey-screen" data-step={step.kind === 'statement' ? statements[step.index] : step.kind}>
        {step.kind === 'intro' ? (
          <>
            <h1 tabIndex={-1}>{t('courses.assessment.title')}</h1>
            <p class="survey-intro">
              <span lang="nl">{handover.run.title}</span> ·{' '}
              {t(handover.moment === 'start' ? 'courses.assessment.momentStart' : 'courses.assessment.momentEnd')}
            </p>
            <p class="survey-intro">{t('courses.assessment.intro')}</p>
            <button type="button" class="survey-primary" onClick={() => setStep({ kind: 'statement', index: 0 })}>
              {t('courses.assessment.start')}
            </button>
          </>
        ) : step.kind === 'statement' ? (
          <>
            <p class="survey-progress">{t('courses.assessment.progress', { n: step.index + 1, total: statements.length })}</p>
            <h1 tabIndex={-1} id={`assessment-${statements[step.index]}`}>
              {t(key(statements[step.index]!))}
            </h1>
            <div class="survey-choices count-5" role="group" aria-labelledby={`assessment-${statements[step.index]}`}>
              {SCORES.map((score) => (
                <button
                  type="button"
                  key={score}
                  class="survey-choice"
                  data-choice={score}
                  aria-pressed={answers[statements[step.index]!] === Number(score)}
                  onClick={() => void next(step.index, { ...answers, [statements[step.index]!]: Number(score) })}
                >
                  <AnswerPicture scale="faces5" choice={score} />
                  <span>{t(`courses.assessment.scale.${score}`)}</span>
                </button>
              ))}
            </div>
            <div class="survey-nav">
              <button
                type="button"
                class="survey-secondary"
                onClick={() => setStep(step.index === 0 ? { kind: 'intro' } : { kind: 'statement', index: step.index - 1 })}
              >
                {t('courses.assessment.back')}
              </button>
              <button
                type="button"
                class="survey-secondary"
                onClick={() => {
                  const { [statements[step.index]!]: _skipped, ...rest } = answers;
                  void next(step.index, rest);
                }}
              >
                {t('courses.assessment.skip')}
              </button>
            </div>
          </>
        ) : (
          <div class="survey-thanks">
            <AnswerPicture scale="faces3" choice="yes" size={96} />
            <h1 tabIndex={-1}>{t('courses.assessment.thanksHeading')}</h1>
            <p role={step.failed ? 'alert' : undefined}>{t(step.failed ? 'courses.assessment.failed' : 'courses.assessment.thanksText')}</p>
            <button type="button" class="survey-primary" onClick={onFinish}>
              {t('courses.assessment.handBack')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
