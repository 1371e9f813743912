import type { CourseReport, SurveyReport } from '../../shared/impact';
import { useT } from '../i18n/i18n';
import { CourseFigures } from './courses/CourseReport';
import { SurveyFigures } from './impact/SurveyReport';
import { FunnelFigure } from './referrals/FunnelFigure';
import { useReportData } from './use-reach';

/**
 * The impact parts of the printable quarterly report, for the report's reach (`params`):
 * the course figures and the survey figures, each beside the previous period (the survey
 * also last year) and split by municipality, and the referral funnel by municipality.
 * `survey` is loaded by the report itself (its municipality names feed the report's filter).
 */
export function ReportImpact({ params, survey }: { params: string; survey: SurveyReport | null }) {
  const { t } = useT();
  const courses = useReportData<CourseReport>(`/courses/figures?${params}`);
  return (
    <>
      <section class="report-part" aria-labelledby="report-courses" data-part="courses">
        <h2 id="report-courses">{t('console.report.courses')}</h2>
        {courses.error ? (
          <p role="alert" class="form-error">
            {courses.error}
          </p>
        ) : null}
        {courses.data ? <CourseFigures figures={courses.data} /> : null}
      </section>
      <section class="report-part" aria-labelledby="report-survey" data-part="survey">
        <h2 id="report-survey">{t('console.report.survey')}</h2>
        {survey ? <SurveyFigures report={survey} /> : null}
      </section>
      <FunnelFigure params={params} by="municipality" />
    </>
  );
}
