import type { ReviewState, VisitFilter, VisitRow } from '../../../shared/console';
import { ORGANISATIONS } from '../../../shared/taxonomy';
import type { Visit } from '../../../shared/visit';
import type { Database, Queryable } from '../database';
import { IN_SCOPE, type Scope } from './scope';

/**
 * The visit log: every synced visit in the user's scope, newest first, filtered,
 * paged with a keyset on (started_at, id) so page 1000 is as fast as page 1.
 */

/** Builds the WHERE clause of a filter; params get appended. Voided visits only when asked (the log shows them, counts never). */
export function visitWhere(filter: VisitFilter, scope: Scope, params: unknown[], opts: { includeVoided: boolean }): string {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [IN_SCOPE(params.push(scope))];
  if (!opts.includeVoided) where.push('v.voided_at IS NULL');
  if (filter.from) where.push(`v.started_at >= ${p(filter.from)}::timestamptz`);
  if (filter.to) where.push(`v.started_at < ${p(filter.to)}::timestamptz`);
  if (filter.location) where.push(`v.location_id = ${p(filter.location)}::uuid`);
  if (filter.device) where.push(`v.device_id = ${p(filter.device)}::uuid`);
  if (filter.volunteer) where.push(`v.volunteer_id = ${p(filter.volunteer)}::uuid`);
  if (filter.channel) where.push(`coalesce(vc.channel, v.channel) = ${p(filter.channel)}`);
  if (filter.review?.length) where.push(`v.review_state = ANY(${p(filter.review)}::text[])`);
  if (filter.q) where.push(`to_tsvector('dutch', coalesce(v.note, '')) @@ plainto_tsquery('dutch', ${p(filter.q)})`);
  const question: string[] = [];
  if (filter.helpKind) question.push(`q.help_kind = ${p(filter.helpKind)}`);
  if (filter.organisation) question.push(`q.organisation = ${p(filter.organisation)}`);
  if (filter.topic) question.push(`q.topic = ${p(filter.topic)}`);
  if (filter.outcome) question.push(`q.outcome = ${p(filter.outcome)}`);
  if (filter.referral) {
    const target = ORGANISATIONS.some((o) => o.id === filter.referral)
      ? { target: { kind: 'partner', organisation: filter.referral } }
      : { target: { kind: filter.referral === 'catalogue' ? 'catalogue' : filter.referral === 'text' ? 'text' : '(none)' } };
    question.push(`q.referrals @> ${p(JSON.stringify([target]))}::jsonb`);
  }
  // The reported questions: the correction's where the visit is corrected (vc), else the desk's; probed per visit by id.
  if (question.length) {
    const match = question.join(' AND ');
    where.push(
      `(CASE WHEN vc.visit_id IS NULL THEN EXISTS (SELECT 1 FROM visit_questions q WHERE q.visit_id = v.id AND ${match})
             ELSE EXISTS (SELECT 1 FROM visit_corrected_questions q WHERE q.visit_id = v.id AND ${match}) END)`,
    );
  }
  return where.join(' AND ');
}

const questionsJson = (table: string) => `(SELECT coalesce(json_agg(json_build_object('helpKind', q.help_kind, 'domain', q.domain,
    'organisation', q.organisation, 'topic', q.topic, 'outcome', q.outcome, 'actions', q.actions, 'referrals', q.referrals) ORDER BY q.position), '[]'::json)
    FROM ${table} q WHERE q.visit_id = v.id)`;
const QUESTIONS_JSON = `CASE WHEN vc.visit_id IS NULL THEN ${questionsJson('visit_questions')} ELSE ${questionsJson('visit_corrected_questions')} END`;

/** A visit as the console shows it: the latest correction's values where there is one (the original stays in visits). */
export const VISIT_COLUMNS = `v.id, v.started_at, v.started_at::text AS started_key, v.location_id, l.name AS location_name, v.device_id,
  v.volunteer_id, vol.display_name AS volunteer_name, coalesce(vc.duration_seconds, v.duration_seconds) AS duration_seconds,
  coalesce(vc.channel, v.channel) AS channel, CASE WHEN vc.visit_id IS NULL THEN v.returning_visitor ELSE vc.returning_visitor END AS returning_visitor,
  v.language, v.backdated, CASE WHEN vc.visit_id IS NULL THEN v.note ELSE vc.note END AS note, v.review_state, v.version,
  v.voided_at IS NOT NULL AS voided, vc.visit_id IS NOT NULL AS corrected, ${QUESTIONS_JSON} AS questions`;

export const VISIT_FROM = `visits v JOIN locations l ON l.id = v.location_id LEFT JOIN volunteers vol ON vol.id = v.volunteer_id
  LEFT JOIN visit_corrected vc ON vc.visit_id = v.id`;

export interface VisitDbRow {
  id: string;
  started_at: string | Date;
  started_key: string;
  location_id: string;
  location_name: string;
  device_id: string;
  volunteer_id: string | null;
  volunteer_name: string | null;
  duration_seconds: number;
  channel: string;
  returning_visitor: boolean | null;
  language: string | null;
  backdated: boolean;
  note: string | null;
  review_state: ReviewState;
  version: number;
  voided: boolean;
  corrected: boolean;
  questions: Array<{
    helpKind: string;
    domain: string;
    organisation: string;
    topic: string;
    outcome: string;
    actions: string[];
    referrals: unknown;
  }>;
}

export function toVisitRow(r: VisitDbRow): VisitRow {
  return {
    id: r.id,
    startedAt: new Date(r.started_at).toISOString(),
    locationId: r.location_id,
    locationName: r.location_name,
    deviceId: r.device_id,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    durationSeconds: Number(r.duration_seconds),
    channel: r.channel,
    note: r.note,
    reviewState: r.review_state,
    version: Number(r.version),
    corrected: r.corrected,
    voided: r.voided,
    questions: (r.questions ?? []).map((q) => ({
      helpKind: q.helpKind,
      domain: q.domain,
      organisation: q.organisation,
      topic: q.topic,
      outcome: q.outcome,
      referrals: q.referrals,
    })),
  };
}

/** A cursor that the visit log did not give out (a 400 for the client). */
export class VisitLogCursorError extends Error {
  readonly statusCode = 400;
  readonly code = 'invalid_cursor';
}

export function encodeCursor(row: { started_key: string; id: string }): string {
  return Buffer.from(`${row.started_key}|${row.id}`, 'utf8').toString('base64url');
}

/**
 * The cursor back to its keyset, or undefined when it is not one the server could have issued.
 * Both parts reach PostgreSQL as a timestamptz and a uuid, so each is checked strictly first:
 * a mutated cursor ("2026-02-30 …", a UUID with a dash moved) is bad input, never a server error.
 */
export function decodeCursor(cursor: string): { startedAt: string; id: string } | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m =
    /^((\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.\d{1,6})?(?:[+-](\d\d)(?::?[0-5]\d)?|Z)?)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(
      text,
    );
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, offset] = [m[2], m[3], m[4], m[5], m[6], m[7], m[8] ?? '0'].map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  const plausible =
    year! >= 1 &&
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offset! <= 15;
  return plausible ? { startedAt: m[1]!, id: m[9]! } : undefined;
}

/** Raw rows of one keyset page (also used by the streamed exports). */
export async function visitPageRows(
  db: Queryable,
  scope: Scope,
  filter: VisitFilter,
  opts: { after?: { startedAt: string; id: string }; limit: number; includeVoided: boolean },
) {
  const params: unknown[] = [];
  let where = visitWhere(filter, scope, params, { includeVoided: opts.includeVoided });
  if (opts.after) {
    params.push(opts.after.startedAt, opts.after.id);
    where += ` AND (v.started_at, v.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(opts.limit);
  const { rows } = await db.query<VisitDbRow>(
    `SELECT ${VISIT_COLUMNS} FROM ${VISIT_FROM} WHERE ${where} ORDER BY v.started_at DESC, v.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function listVisits(db: Queryable, scope: Scope, filter: VisitFilter, opts: { cursor?: string; limit?: number } = {}) {
  const limit = opts.limit ?? 50;
  const after = opts.cursor ? decodeCursor(opts.cursor) : undefined;
  if (opts.cursor && !after) throw new VisitLogCursorError('This cursor is not one the visit log gave out; start from the first page.');
  const rows = await visitPageRows(db, scope, filter, { after, limit: limit + 1, includeVoided: true });
  const page = rows.slice(0, limit);
  return { visits: page.map(toVisitRow), next: rows.length > limit ? encodeCursor(page.at(-1)!) : null };
}

export async function visitDetail(db: Queryable, scope: Scope, id: string) {
  const params: unknown[] = [];
  const where = visitWhere({}, scope, params, { includeVoided: true });
  params.push(id);
  const { rows } = await db.query<VisitDbRow & { payload: Visit }>(
    `SELECT ${VISIT_COLUMNS}, v.payload FROM ${VISIT_FROM} WHERE ${where} AND v.id = $${params.length}`,
    params,
  );
  const row = rows[0];
  if (!row) return undefined;
  const [corrections, reviews, conflicts] = await Promise.all([
    db.query<{ id: number; at: string; email: string; comment: string | null; payload: unknown }>(
      'SELECT c.id, c.at, u.email, c.comment, c.payload FROM visit_corrections c JOIN users u ON u.id = c.user_id WHERE c.visit_id = $1 ORDER BY c.id',
      [id],
    ),
    db.query<{ state: ReviewState; comment: string | null; email: string; at: string }>(
      'SELECT r.state, r.comment, u.email, r.at FROM visit_reviews r JOIN users u ON u.id = r.user_id WHERE r.visit_id = $1 ORDER BY r.id',
      [id],
    ),
    db.query<{
      id: number;
      change_type: string;
      base_version: number;
      current_version: number;
      proposed: unknown;
      created_at: string;
      resolved_at: string | null;
    }>(
      'SELECT id, change_type, base_version, current_version, proposed, created_at, resolved_at FROM visit_conflicts WHERE visit_id = $1 ORDER BY id',
      [id],
    ),
  ]);
  const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    visit: toVisitRow(row),
    original: row.payload,
    corrections: corrections.rows.map((c) => ({ id: Number(c.id), at: iso(c.at)!, by: c.email, comment: c.comment, payload: c.payload })),
    reviews: reviews.rows.map((r) => ({ state: r.state, comment: r.comment, by: r.email, at: iso(r.at)! })),
    conflicts: conflicts.rows.map((c) => ({
      id: Number(c.id),
      changeType: c.change_type,
      baseVersion: Number(c.base_version),
      currentVersion: Number(c.current_version),
      proposed: c.proposed,
      createdAt: iso(c.created_at)!,
      resolvedAt: iso(c.resolved_at),
    })),
  };
}

/** Sets a visit's review state with an optional comment; the history stays in visit_reviews. */
export async function reviewVisit(
  db: Database,
  visitId: string,
  userId: string,
  state: ReviewState,
  comment: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE visits SET review_state = $2 WHERE id = $1', [visitId, state]);
    await tx.query('INSERT INTO visit_reviews (visit_id, state, comment, user_id) VALUES ($1, $2, $3, $4)', [
      visitId,
      state,
      comment,
      userId,
    ]);
  });
}

/** Stores a correction beside the visit and makes it the one the console reports. */
async function keepCorrection(
  tx: Queryable,
  visitId: string,
  basedOn: number,
  corrected: Visit,
  comment: string | null,
  userId: string,
): Promise<void> {
  const { rows } = await tx.query<{ id: number }>(
    'INSERT INTO visit_corrections (visit_id, based_on_version, payload, comment, user_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [visitId, basedOn, JSON.stringify(corrected), comment, userId],
  );
  await tx.query('DELETE FROM visit_corrected_questions WHERE visit_id = $1', [visitId]);
  await tx.query(
    `INSERT INTO visit_corrected (visit_id, correction_id, duration_seconds, channel, returning_visitor, note) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (visit_id) DO UPDATE SET correction_id = excluded.correction_id, duration_seconds = excluded.duration_seconds,
       channel = excluded.channel, returning_visitor = excluded.returning_visitor, note = excluded.note`,
    [visitId, rows[0]!.id, corrected.durationSeconds, corrected.channel, corrected.returning, corrected.note],
  );
  await tx.query(
    `INSERT INTO visit_corrected_questions (visit_id, position, help_kind, domain, organisation, topic, actions, outcome, referrals)
     SELECT $1, q.ordinality - 1, q.value->>'helpKind', q.value->>'domain', q.value->>'organisation', q.value->>'topic',
            ARRAY(SELECT jsonb_array_elements_text(q.value->'actions')), q.value->>'outcome', q.value->'referrals'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS q(value, ordinality)`,
    [visitId, JSON.stringify(corrected.questions)],
  );
  await tx.query(`UPDATE visits SET review_state = 'edited' WHERE id = $1`, [visitId]);
}

/**
 * A coordinator's correction: kept beside the visit (visit_corrections, and as the reported
 * values in visit_corrected); the record as the desk sent it is never overwritten. It keeps
 * the visit's id, device, location and time. The visit's review state becomes 'edited'.
 */
export async function correctVisit(
  db: Database,
  visitId: string,
  userId: string,
  corrected: Visit,
  comment: string | null,
): Promise<'ok' | 'mismatch'> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ version: number; location_id: string; device_id: string; started_at: string | Date }>(
      'SELECT version, location_id, device_id, started_at FROM visits WHERE id = $1 FOR UPDATE',
      [visitId],
    );
    const stored = rows[0];
    if (
      !stored ||
      corrected.id !== visitId ||
      corrected.locationId !== stored.location_id ||
      corrected.deviceId !== stored.device_id ||
      new Date(corrected.startedAt).getTime() !== new Date(stored.started_at).getTime()
    ) {
      return 'mismatch';
    }
    await keepCorrection(tx, visitId, Number(stored.version), corrected, comment, userId);
    await tx.query(`INSERT INTO visit_reviews (visit_id, state, comment, user_id) VALUES ($1, 'edited', $2, $3)`, [
      visitId,
      comment,
      userId,
    ]);
    return 'ok';
  });
}

export async function listConflicts(db: Queryable, scope: Scope) {
  const { rows } = await db.query<{
    id: number;
    visit_id: string;
    location_name: string;
    change_type: string;
    base_version: number;
    current_version: number;
    created_at: string;
  }>(
    `SELECT c.id, c.visit_id, l.name AS location_name, c.change_type, c.base_version, c.current_version, c.created_at
       FROM visit_conflicts c JOIN visits v ON v.id = c.visit_id JOIN locations l ON l.id = v.location_id
      WHERE c.resolved_at IS NULL AND ${IN_SCOPE(1)} ORDER BY c.id LIMIT 500`,
    [scope],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    visitId: r.visit_id,
    locationName: r.location_name,
    changeType: r.change_type,
    baseVersion: Number(r.base_version),
    currentVersion: Number(r.current_version),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * Resolves an open conflict. 'keep_current': the stored record stands. 'take_proposed': the
 * tablet's proposal is kept as the coordinator's correction (beside the original, like every
 * console correction; a proposed void voids the visit, which keeps its revision history).
 */
export async function resolveConflict(
  db: Database,
  scope: Scope,
  conflictId: number,
  userId: string,
  resolution: 'keep_current' | 'take_proposed',
  comment: string | null,
) {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      visit_id: string;
      change_type: string;
      proposed: { visit?: Visit; reason?: string };
      version: number;
    }>(
      `SELECT c.visit_id, c.change_type, c.proposed, v.version FROM visit_conflicts c JOIN visits v ON v.id = c.visit_id JOIN locations l ON l.id = v.location_id
        WHERE c.id = $1 AND c.resolved_at IS NULL AND ${IN_SCOPE(2)} FOR UPDATE OF c`,
      [conflictId, scope],
    );
    const c = rows[0];
    if (!c) return false;
    if (resolution === 'take_proposed') {
      if (c.change_type.startsWith('visit.void')) {
        await tx.query('UPDATE visits SET voided_at = now(), void_reason = $2, version = version + 1 WHERE id = $1 AND voided_at IS NULL', [
          c.visit_id,
          c.proposed.reason ?? 'void (conflict resolved)',
        ]);
      } else if (c.proposed.visit) {
        await keepCorrection(tx, c.visit_id, Number(c.version), c.proposed.visit, comment ?? 'proposal from the tablet (conflict)', userId);
      }
    }
    await tx.query('UPDATE visit_conflicts SET resolved_at = now(), resolution = $2, resolved_by = $3 WHERE id = $1', [
      conflictId,
      resolution,
      userId,
    ]);
    return true;
  });
}
