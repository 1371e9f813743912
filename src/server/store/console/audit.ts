import type { Queryable } from '../database';

/**
 * The audit log: who signed in, viewed, exported, changed or deleted what, and when.
 * details hold ids, filters and counts only, never the contents of a visit.
 */
export interface AuditEntry {
  userId: string | null;
  organisationId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    'INSERT INTO audit_log (user_id, organisation_id, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      entry.userId,
      entry.organisationId ?? null,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      entry.details ? JSON.stringify(entry.details) : null,
    ],
  );
}

/** Newest first, 100 a page; a coordinator sees the entries of their organisation. */
export async function listAudit(db: Queryable, scope: string[] | null, before?: number) {
  const { rows } = await db.query<{
    id: number;
    at: string;
    email: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    details: unknown;
  }>(
    `SELECT a.id, a.at, u.email, a.action, a.target_type, a.target_id, a.details
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
      WHERE ($1::uuid[] IS NULL OR a.organisation_id = ANY($1::uuid[])) AND ($2::bigint IS NULL OR a.id < $2)
      ORDER BY a.id DESC LIMIT 101`,
    [scope, before ?? null],
  );
  const entries = rows.slice(0, 100).map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    user: r.email,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: r.details ?? null,
  }));
  return { entries, next: rows.length > 100 ? String(entries.at(-1)!.id) : null };
}
