import { useEffect, useRef, useState } from 'preact/hooks';
import { uuidv7 } from '../../shared/ids';
import { LANGUAGES, type Language } from '../../shared/i18n-text';
import type { Municipality } from '../../shared/municipality';
import { hasPersonalData } from '../../shared/privacy';
import { MAX_SURVEY_COMMENT, SURVEY_VERSION, choicesOf, surveyQuestions } from '../../shared/survey';
import type { DeviceRecord } from '../db/database';
import { useT } from '../i18n/i18n';
import { stopSpeaking } from '../kiosk/speech';
import { db, syncEngine } from '../services';
import { AnswerPicture } from './pictograms';
import { ReadAloudTool } from './ReadAloudTool';
import { saveSurveyResponse } from './survey-records';
import { loadSurveyTexts } from './survey-texts';
import './survey.css';

type Step = { kind: 'intro' } | { kind: 'question'; index: number } | { kind: 'municipality' } | { kind: 'comment' } | { kind: 'thanks' };

export interface SurveyFlowProps {
  device: DeviceRecord;
  /** The visit just recorded on this desk; null on a kiosk. */
  visitId: string | null;
  /** The visit's municipality, when the volunteer recorded one. */
  municipality?: string;
  /** Asked on a kiosk when the location serves two or more municipalities. */
  askMunicipalities?: Municipality[];
  /** The survey's own read-aloud button (the kiosk has one in its bar already). */
  readAloud: boolean;
  finishLabel: string;
  onFinish: () => void;
  /** After a "yes" to learning more: show the courses (kiosk); without it the visitor is told to ask the volunteer. */
  onCourses?: () => void;
}

const questions = surveyQuestions(SURVEY_VERSION);

/**
 * The visitor survey, one question per screen, each answered with one tap on a large
 * pictogram or skipped. The answers are saved (into the outbox) when the visitor reaches
 * the thanks screen, or, when they walk away halfway, with what they did answer.
 */
export function SurveyFlow(props: SurveyFlowProps) {
  const { t, lang } = useT();
  const [step, setStep] = useState<Step>({ kind: 'intro' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [municipality, setMunicipality] = useState<string | undefined>(props.municipality);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<'personal' | 'failed' | undefined>();
  const root = useRef<HTMLDivElement>(null);
  const [textsLoaded, setTextsLoaded] = useState(false);
  useEffect(() => {
    void loadSurveyTexts(lang).then(() => setTextsLoaded(true));
  }, [lang]);
  // What is saved, once: the thanks screen, or leaving halfway (unmount) with answers given.
  const saved = useRef(false);
  const latest = useRef({ answers, municipality, comment, lang });
  latest.current = { answers, municipality, comment, lang };

  const save = async (withComment: boolean) => {
    if (saved.current) return;
    saved.current = true;
    const now = latest.current;
    const language = ((LANGUAGES as readonly string[]).includes(now.lang) ? now.lang : 'nl') as Language;
    try {
      await saveSurveyResponse(db, {
        id: uuidv7(),
        deviceId: props.device.deviceId,
        locationId: props.device.location.id,
        visitId: props.visitId,
        surveyVersion: SURVEY_VERSION,
        language,
        ...(now.municipality ? { municipality: now.municipality } : {}),
        answers: questions.filter((q) => now.answers[q.id] !== undefined).map((q) => ({ question: q.id, choice: now.answers[q.id]! })),
        comment: withComment && now.comment.trim() ? now.comment.trim() : null,
        answeredAt: new Date().toISOString(),
      });
      void syncEngine.syncNow();
    } catch (err) {
      saved.current = false;
      throw err;
    }
  };

  useEffect(
    () => () => {
      stopSpeaking();
      if (!saved.current && Object.keys(latest.current.answers).length > 0) void save(false).catch(() => undefined);
    },
    [],
  );

  const stepKey = JSON.stringify(step);
  useEffect(() => {
    stopSpeaking(); // the kiosk's own read-aloud too
    root.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [stepKey, lang]);

  const after = (current: Step): Step => {
    if (current.kind === 'intro') return { kind: 'question', index: 0 };
    if (current.kind === 'question' && current.index < questions.length - 1) return { kind: 'question', index: current.index + 1 };
    if (current.kind === 'question' && props.askMunicipalities && props.askMunicipalities.length > 1 && !props.municipality)
      return { kind: 'municipality' };
    return current.kind === 'comment' ? { kind: 'thanks' } : { kind: 'comment' };
  };
  const before = (current: Step): Step => {
    if (current.kind === 'question') return current.index === 0 ? { kind: 'intro' } : { kind: 'question', index: current.index - 1 };
    if (current.kind === 'municipality') return { kind: 'question', index: questions.length - 1 };
    if (current.kind === 'comment' && props.askMunicipalities && props.askMunicipalities.length > 1 && !props.municipality)
      return { kind: 'municipality' };
    return { kind: 'question', index: questions.length - 1 };
  };

  const finishComment = async () => {
    if (hasPersonalData(comment)) return setProblem('personal');
    setProblem(undefined);
    try {
      await save(true);
      setStep({ kind: 'thanks' });
    } catch {
      setProblem('failed');
    }
  };

  const wantsCourses = questions.some((q) => q.offersCourses && answers[q.id] === 'yes');
  if (!textsLoaded) return null;

  return (
    <div class="survey" ref={root}>
      {props.readAloud ? <ReadAloudTool screen={() => root.current?.querySelector<HTMLElement>('.survey-screen')} page={stepKey} /> : null}
      <section class="survey-screen" data-step={step.kind === 'question' ? questions[step.index]!.id : step.kind}>
        {step.kind === 'intro' ? (
          <>
            <h1 tabIndex={-1}>{t('survey.title')}</h1>
            <p class="survey-intro">{t('survey.intro')}</p>
            {props.visitId ? <p class="survey-intro">{t('survey.handBackHint')}</p> : null}
            <button type="button" class="survey-primary" onClick={() => setStep(after(step))}>
              {t('survey.start')}
            </button>
          </>
        ) : step.kind === 'question' ? (
          <Question
            index={step.index}
            value={answers[questions[step.index]!.id]}
            onAnswer={(choice) => {
              setAnswers({ ...answers, [questions[step.index]!.id]: choice });
              setStep(after(step));
            }}
            onSkip={() => {
              const { [questions[step.index]!.id]: _skipped, ...rest } = answers;
              setAnswers(rest);
              setStep(after(step));
            }}
            onBack={() => setStep(before(step))}
          />
        ) : step.kind === 'municipality' ? (
          <>
            <h1 tabIndex={-1}>{t('survey.municipality.heading')}</h1>
            <div class="survey-list" role="group" aria-label={t('survey.municipality.heading')}>
              {props.askMunicipalities!.map((m) => (
                <button
                  type="button"
                  key={m.code}
                  class="survey-choice wide"
                  aria-pressed={municipality === m.code}
                  onClick={() => {
                    setMunicipality(m.code);
                    setStep(after(step));
                  }}
                >
                  <span lang="nl">{m.name}</span>
                </button>
              ))}
              <button
                type="button"
                class="survey-choice wide"
                aria-pressed={municipality === undefined}
                onClick={() => {
                  setMunicipality(undefined);
                  setStep(after(step));
                }}
              >
                <span>{t('survey.municipality.rather')}</span>
              </button>
            </div>
            <NavRow onBack={() => setStep(before(step))} />
          </>
        ) : step.kind === 'comment' ? (
          <form
            class="survey-comment"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void finishComment();
            }}
          >
            <h1 tabIndex={-1}>{t('survey.comment.heading')}</h1>
            <label for="survey-comment">{t('survey.comment.label')}</label>
            <p id="survey-comment-hint" class="survey-hint">
              {t('survey.comment.hint')}
            </p>
            <textarea
              id="survey-comment"
              rows={3}
              maxLength={MAX_SURVEY_COMMENT}
              value={comment}
              aria-describedby={problem === 'personal' ? 'survey-comment-hint survey-comment-error' : 'survey-comment-hint'}
              aria-invalid={problem === 'personal' ? true : undefined}
              onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
            />
            {problem ? (
              <p id="survey-comment-error" class="survey-error" role="alert">
                {t(problem === 'personal' ? 'survey.comment.personal' : 'survey.thanks.failed')}
              </p>
            ) : null}
            <button type="submit" class="survey-primary">
              {t('survey.comment.send')}
            </button>
            <NavRow onBack={() => setStep(before(step))} />
          </form>
        ) : (
          <div class="survey-thanks">
            <AnswerPicture scale="faces3" choice="yes" size={96} />
            <h1 tabIndex={-1}>{t('survey.thanks.heading')}</h1>
            <p>{t('survey.thanks.text')}</p>
            {wantsCourses ? (
              props.onCourses ? (
                <button type="button" class="survey-secondary" onClick={props.onCourses}>
                  {t('survey.thanks.courses')}
                </button>
              ) : (
                <p>{t('survey.thanks.coursesDesk')}</p>
              )
            ) : null}
            <button type="button" class="survey-primary" onClick={props.onFinish}>
              {props.finishLabel}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

function NavRow({ onBack, onSkip }: { onBack: () => void; onSkip?: () => void }) {
  const { t } = useT();
  return (
    <div class="survey-nav">
      <button type="button" class="survey-secondary" onClick={onBack}>
        {t('survey.back')}
      </button>
      {onSkip ? (
        <button type="button" class="survey-secondary" onClick={onSkip}>
          {t('survey.skip')}
        </button>
      ) : null}
    </div>
  );
}

function Question({
  index,
  value,
  onAnswer,
  onSkip,
  onBack,
}: {
  index: number;
  value?: string;
  onAnswer: (choice: string) => void;
  onSkip: () => void;
  onBack: () => void;
}) {
  const { t } = useT();
  const question = questions[index]!;
  const key = `survey.questions.v${SURVEY_VERSION}.${question.id}`;
  const choices = choicesOf(question.scale);
  return (
    <>
      <p class="survey-progress">{t('survey.progress', { n: index + 1, total: questions.length })}</p>
      <h1 tabIndex={-1} id={`survey-q-${question.id}`}>
        {t(`${key}.text`)}
      </h1>
      <div class={`survey-choices count-${choices.length}`} role="group" aria-labelledby={`survey-q-${question.id}`}>
        {choices.map((choice) => (
          <button
            type="button"
            key={choice}
            class="survey-choice"
            data-choice={choice}
            aria-pressed={value === choice}
            onClick={() => onAnswer(choice)}
          >
            <AnswerPicture scale={question.scale} choice={choice} />
            <span>{t(`${key}.${choice}`)}</span>
          </button>
        ))}
      </div>
      <NavRow onBack={onBack} onSkip={onSkip} />
    </>
  );
}
