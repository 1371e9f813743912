import type { Queryable } from '../database';
import type { ConsoleUser } from './users';

/**
 * What a console user may see: null = every organisation (network administrator),
 * else the ids of the organisations whose locations they may see. Every console
 * query takes it as a parameter: `$n::uuid[] IS NULL OR l.organisation_id = ANY($n)`.
 */
export type Scope = string[] | null;

export function scopeOf(user: ConsoleUser): Scope {
  return user.role === 'admin' ? null : [user.organisationId!];
}

export const IN_SCOPE = (param: number, column = 'l.organisation_id') =>
  `($${param}::uuid[] IS NULL OR ${column} = ANY($${param}::uuid[]))`;

export async function locationsInScope(db: Queryable, scope: Scope) {
  const { rows } = await db.query<{ id: string; name: string; organisation_id: string; organisation_name: string }>(
    `SELECT l.id, l.name, l.organisation_id, o.name AS organisation_name
       FROM locations l JOIN organisations o ON o.id = l.organisation_id
      WHERE ${IN_SCOPE(1)} ORDER BY o.name, l.name`,
    [scope],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, organisationId: r.organisation_id, organisationName: r.organisation_name }));
}

type Target = 'location' | 'device' | 'visit' | 'volunteer' | 'help_request' | 'interest' | 'organisation' | 'course_run';

const TARGET_SQL: Record<Target, string> = {
  location: 'SELECT l.organisation_id FROM locations l WHERE l.id = $1',
  device: 'SELECT l.organisation_id FROM devices d JOIN locations l ON l.id = d.location_id WHERE d.id = $1',
  visit: 'SELECT l.organisation_id FROM visits v JOIN locations l ON l.id = v.location_id WHERE v.id = $1',
  volunteer: 'SELECT l.organisation_id FROM volunteers v JOIN locations l ON l.id = v.location_id WHERE v.id = $1',
  help_request: 'SELECT l.organisation_id FROM help_requests h JOIN locations l ON l.id = h.location_id WHERE h.id = $1',
  interest: 'SELECT l.organisation_id FROM course_interest c JOIN locations l ON l.id = c.location_id WHERE c.id = $1',
  organisation: 'SELECT o.id AS organisation_id FROM organisations o WHERE o.id = $1',
  course_run: 'SELECT l.organisation_id FROM course_runs r JOIN locations l ON l.id = r.location_id WHERE r.id = $1',
};

/**
 * Whether a record the client named lies in the user's scope. A record out of scope
 * is answered like a missing one (404), so ids of other organisations are not confirmed.
 */
export async function inScope(db: Queryable, scope: Scope, target: Target, id: string): Promise<boolean> {
  const { rows } = await db.query<{ organisation_id: string }>(TARGET_SQL[target], [id]);
  const org = rows[0]?.organisation_id;
  return org !== undefined && (scope === null || scope.includes(org));
}
