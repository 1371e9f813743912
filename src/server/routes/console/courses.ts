import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../shared/console';
import {
  consoleAttendanceSchema,
  consoleParticipantEndSchema,
  consoleParticipantSchema,
  courseFiguresQuerySchema,
  courseRunCreateSchema,
  courseRunListSchema,
  courseRunSchema,
  interestToParticipantSchema,
} from '../../../shared/course-runs';
import { courseReportSchema } from '../../../shared/impact';
import type { Queryable } from '../../store/database';
import { courseFigures, courseReport, kbCourseRegistrationCsv } from '../../store/console/course-figures';
import { inScope, locationsInScope } from '../../store/console/scope';
import { municipalityNames } from '../../store/municipalities';
import {
  closeRun,
  consoleParticipant,
  courseOfItem,
  createRun,
  endParticipant,
  insertParticipant,
  interestAt,
  listRuns,
  lockRun,
  markAttendance,
  participantInRun,
  sessionInRun,
} from '../../store/course-runs';
import { ERRORS, auditOf, requireConsole } from './auth';
import { refusedOutOfScope } from './reports';

const NO_RUN = { error: 'not_found', message: 'No such course run.' };

/**
 * Course runs in the console: making a run of a catalogue course with its sessions, keeping
 * its participants (with consent; from a kiosk's course interest in one step), attendance
 * and outcomes as a desk does, the course figures and the KB course-registration export.
 * Participants' names are personal data: every read is audited. See docs/console.md.
 */
export async function courseRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const runAnswer = async (id: string) => (await listRuns(app.db, { runId: id }))[0]!;
  /** The run in scope, locked for the change; undefined after answering 404. */
  async function runInScope(tx: Queryable, scope: string[] | null, id: string, reply: FastifyReply) {
    if (!(await inScope(tx, scope, 'course_run', id))) {
      void reply.code(404).send(NO_RUN);
      return undefined;
    }
    return lockRun(tx, id);
  }
  const badRequest = (reply: FastifyReply, error: string, message: string) => reply.code(400).send({ error, message });

  api.get(
    '/courses/runs',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: the course runs in scope with sessions, participants and attendance, newest first',
        tags: ['console'],
        response: { 200: courseRunListSchema, ...ERRORS },
      },
    },
    async (request) => {
      await auditOf(request)('view', 'course_runs');
      return { runs: await listRuns(app.db, { scope: request.scope! }) };
    },
  );

  api.post(
    '/courses/runs',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: make a run of a catalogue course at a location, with its session start times',
        tags: ['console'],
        body: courseRunCreateSchema,
        response: { 200: courseRunSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { itemId, locationId, sessions } = request.body;
      if (!(await inScope(app.db, request.scope!, 'location', locationId)))
        return reply.code(404).send({ error: 'not_found', message: 'No such location.' });
      const course = await courseOfItem(app.db, itemId);
      if (!course) return badRequest(reply, 'not_a_course', 'The item is not a course in the catalogue.');
      if (new Set(sessions).size !== sessions.length) return badRequest(reply, 'duplicate_session', 'Two sessions start at the same time.');
      const id = await app.db.transaction((tx) => createRun(tx, { locationId, itemId, sessions, ...course }));
      await auditOf(request)('create', 'course_run', id);
      return runAnswer(id);
    },
  );

  api.post(
    '/courses/runs/:id/close',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: close a run; desks stop showing it and refuse further changes to it',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: courseRunSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'course_run', request.params.id))) return reply.code(404).send(NO_RUN);
      await closeRun(app.db, request.params.id);
      await auditOf(request)('update', 'course_run', request.params.id, { closed: true });
      return runAnswer(request.params.id);
    },
  );

  api.post(
    '/courses/runs/:id/participants',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: add a participant (first name or participant number) who agreed to the current consent text',
        tags: ['console'],
        params: idParamsSchema,
        body: consoleParticipantSchema,
        response: { 200: courseRunSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const done = await app.db.transaction(async (tx) => {
        if (!(await runInScope(tx, request.scope!, request.params.id, reply))) return false;
        await insertParticipant(tx, consoleParticipant(request.params.id, request.body), null);
        return true;
      });
      if (!done) return reply;
      await auditOf(request)('create', 'course_participant', request.params.id);
      return runAnswer(request.params.id);
    },
  );

  api.post(
    '/courses/runs/:id/participants/from-interest',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          "Console: turn a kiosk's course interest at the run's location into a participant in one step (first name kept, contact details deleted)",
        tags: ['console'],
        params: idParamsSchema,
        body: interestToParticipantSchema,
        response: { 200: courseRunSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const outcome = await app.db.transaction(async (tx) => {
        const run = await runInScope(tx, request.scope!, request.params.id, reply);
        if (!run) return 'sent';
        const interest = await interestAt(tx, request.body.interestId, run.locationId);
        if (!interest) return 'no_interest';
        const language = interest.consentLanguage as 'nl';
        await insertParticipant(
          tx,
          consoleParticipant(
            run.id,
            { display: { kind: 'name', value: interest.firstName }, consentLanguage: language },
            request.body.interestId,
          ),
          null,
        );
        return 'added';
      });
      if (outcome === 'sent') return reply;
      if (outcome === 'no_interest')
        return reply.code(404).send({ error: 'not_found', message: "No such course interest at this run's location." });
      await auditOf(request)('create', 'course_participant', request.params.id, { fromInterest: true });
      return runAnswer(request.params.id);
    },
  );

  api.post(
    '/courses/runs/:id/attendance',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: mark a participant present or absent at a session of the run',
        tags: ['console'],
        params: idParamsSchema,
        body: consoleAttendanceSchema,
        response: { 200: courseRunSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { participantId, sessionId, present } = request.body;
      const outcome = await app.db.transaction(async (tx) => {
        if (!(await runInScope(tx, request.scope!, request.params.id, reply))) return 'sent';
        if (!(await participantInRun(tx, request.params.id, participantId))) return 'no such participant in this course run';
        if (!(await sessionInRun(tx, request.params.id, sessionId))) return 'no such session in this course run';
        await markAttendance(tx, { runId: request.params.id, participantId, sessionId, present, markedAt: new Date().toISOString() });
        return 'ok';
      });
      if (outcome === 'sent') return reply;
      if (outcome !== 'ok') return badRequest(reply, 'not_in_run', outcome);
      return runAnswer(request.params.id);
    },
  );

  api.post(
    '/courses/runs/:id/end',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: record that a participant finished, or stopped with a reason category',
        tags: ['console'],
        params: idParamsSchema,
        body: consoleParticipantEndSchema,
        response: { 200: courseRunSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const outcome = await app.db.transaction(async (tx) => {
        if (!(await runInScope(tx, request.scope!, request.params.id, reply))) return 'sent';
        if (!(await participantInRun(tx, request.params.id, request.body.participantId))) return 'missing';
        await endParticipant(tx, { ...request.body, runId: request.params.id, endedAt: new Date().toISOString() });
        return 'ok';
      });
      if (outcome === 'sent') return reply;
      if (outcome === 'missing') return badRequest(reply, 'not_in_run', 'no such participant in this course run');
      await auditOf(request)('update', 'course_participant', request.body.participantId, { outcome: request.body.outcome });
      return runAnswer(request.params.id);
    },
  );

  api.get(
    '/courses/figures',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          'Console: course figures for the runs with a session in the period: participants, attendance rate, completion, stop reasons, participants per municipality, change start to end per statement; beside them the previous period of the same length',
        tags: ['console'],
        querystring: courseFiguresQuerySchema,
        response: { 200: courseReportSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { from, to, location, organisation, municipality } = request.query;
      if (await refusedOutOfScope(request, reply, { organisation, location })) return reply;
      if (new Date(to) <= new Date(from)) return badRequest(reply, 'invalid_period', '"to" must be after "from".');
      const locations = (await locationsInScope(app.db, request.scope!)).map((l) => l.id);
      return {
        ...(await courseReport(app.db, request.scope!, { from, to, location, organisation, municipality })),
        municipalityNames: await municipalityNames(app.db, locations),
      };
    },
  );

  api.get(
    '/courses/kb-export',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          "Console: the KB's course registration as a CSV for Dutch Excel: per run with a session in the period, its dates, sessions, participants and how many finished",
        tags: ['console'],
        querystring: courseFiguresQuerySchema,
        response: { ...ERRORS },
      },
    },
    async (request, reply) => {
      const { from, to, location, organisation, municipality } = request.query;
      if (await refusedOutOfScope(request, reply, { organisation, location })) return reply;
      if (new Date(to) <= new Date(from)) return badRequest(reply, 'invalid_period', '"to" must be after "from".');
      const figures = await courseFigures(app.db, request.scope!, { from, to, location, organisation, municipality });
      await auditOf(request)('export', 'course_registration');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="kb-cursusregistratie.csv"')
        .header('cache-control', 'no-store')
        .serializer((p: unknown) => p as string)
        .send(kbCourseRegistrationCsv(figures) as never);
    },
  );
}
