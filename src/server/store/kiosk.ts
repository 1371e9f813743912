import {
  DEFAULT_IDLE_SECONDS,
  DEFAULT_INTEREST_RETENTION_DAYS,
  hashExitCode,
  normaliseContact,
  type CourseInterest,
  type HelpRequest,
  type HelpRequestsResponse,
  type KioskSettings,
} from '../../shared/kiosk';
import type { Queryable } from './database';
import type { AuthenticatedDevice } from './devices';

/** Help requests older than this are stale (the visitor has long gone) and purged. */
export const HELP_REQUEST_MAX_AGE_HOURS = 24;

/** Stores a help request; a replay of the same id is 'exists'. */
export async function insertHelpRequest(tx: Queryable, request: HelpRequest): Promise<'inserted' | 'exists'> {
  const { rows } = await tx.query(
    `INSERT INTO help_requests (id, location_id, device_id, topic, display_kind, display, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, LEAST($7::timestamptz, now()))
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      request.id,
      request.locationId,
      request.deviceId,
      request.topic,
      request.display?.kind ?? null,
      request.display?.value ?? null,
      request.createdAt,
    ],
  );
  return rows.length > 0 ? 'inserted' : 'exists';
}

/**
 * Who made a stored help request, and whether it is the one given, field by field as
 * insertHelpRequest stored it (created_at was capped at the moment it arrived).
 */
export async function sameHelpRequestStored(tx: Queryable, request: HelpRequest): Promise<{ deviceId: string; same: boolean } | undefined> {
  const { rows } = await tx.query<{ device_id: string; same: boolean }>(
    `SELECT device_id, (location_id = $2 AND topic = $3 AND display_kind IS NOT DISTINCT FROM $4 AND display IS NOT DISTINCT FROM $5
                        AND created_at = LEAST($6::timestamptz, received_at)) AS same
       FROM help_requests WHERE id = $1`,
    [request.id, request.locationId, request.topic, request.display?.kind ?? null, request.display?.value ?? null, request.createdAt],
  );
  return rows[0] && { deviceId: rows[0].device_id, same: rows[0].same };
}

export async function helpRequestRow(
  tx: Queryable,
  id: string,
): Promise<{ device_id: string; location_id: string; status: string } | undefined> {
  const { rows } = await tx.query<{ device_id: string; location_id: string; status: string }>(
    'SELECT device_id, location_id, status FROM help_requests WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** Marks an open request taken by a desk; taking one already taken is harmless. */
export async function takeHelpRequest(tx: Queryable, id: string, device: AuthenticatedDevice, takenAt: string): Promise<void> {
  await tx.query(
    `UPDATE help_requests SET status = 'taken', taken_at = LEAST($3::timestamptz, now()), taken_by_device = $2
      WHERE id = $1 AND status = 'open'`,
    [id, device.id, takenAt],
  );
}

/** The open requests of a location that are not stale, oldest first. */
export async function openHelpRequests(db: Queryable, locationId: string, now = new Date()): Promise<HelpRequestsResponse['requests']> {
  const since = new Date(now.getTime() - HELP_REQUEST_MAX_AGE_HOURS * 3600_000).toISOString();
  const { rows } = await db.query<{
    id: string;
    topic: string;
    display_kind: 'name' | 'number' | null;
    display: string | null;
    created_at: Date | string;
  }>(
    `SELECT id, topic, display_kind, display, created_at FROM help_requests
      WHERE location_id = $1 AND status = 'open' AND created_at > $2
      ORDER BY created_at, id LIMIT 200`,
    [locationId, since],
  );
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic as HelpRequestsResponse['requests'][number]['topic'],
    ...(r.display_kind && r.display ? { display: { kind: r.display_kind, value: r.display } } : {}),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function insertInterest(tx: Queryable, interest: CourseInterest): Promise<'inserted' | 'exists'> {
  const { rows } = await tx.query(
    `INSERT INTO course_interest (id, location_id, device_id, item_id, first_name, contact_kind, contact,
                                  consent_text_version, consent_language, consented_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, LEAST($10::timestamptz, now()))
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      interest.id,
      interest.locationId,
      interest.deviceId,
      interest.itemId,
      interest.firstName,
      interest.contact.kind,
      normaliseContact(interest.contact.kind, interest.contact.value),
      interest.consentVersion,
      interest.consentLanguage,
      interest.consentedAt,
    ],
  );
  return rows.length > 0 ? 'inserted' : 'exists';
}

/** Who left stored course interest, and whether it is the one given, field by field as insertInterest stored it. */
export async function sameInterestStored(
  tx: Queryable,
  interest: CourseInterest,
): Promise<{ deviceId: string; same: boolean } | undefined> {
  const { rows } = await tx.query<{ device_id: string; same: boolean }>(
    `SELECT device_id, (location_id = $2 AND item_id = $3 AND first_name = $4 AND contact_kind = $5 AND contact = $6
                        AND consent_text_version = $7 AND consent_language = $8 AND consented_at = $9::timestamptz) AS same
       FROM course_interest WHERE id = $1`,
    [
      interest.id,
      interest.locationId,
      interest.itemId,
      interest.firstName,
      interest.contact.kind,
      normaliseContact(interest.contact.kind, interest.contact.value),
      interest.consentVersion,
      interest.consentLanguage,
      interest.consentedAt,
    ],
  );
  return rows[0] && { deviceId: rows[0].device_id, same: rows[0].same };
}

export interface InterestRow {
  id: string;
  location_name: string;
  item_id: string;
  item_name: string | null;
  first_name: string;
  contact_kind: string;
  contact: string;
  created_at: Date | string;
}

/** Course interest for the coordinator, newest first; optionally of one location. */
export async function listInterest(db: Queryable, locationId?: string): Promise<InterestRow[]> {
  const { rows } = await db.query<InterestRow>(
    `SELECT i.id, l.name AS location_name, i.item_id, c.data->'name'->>'nl' AS item_name, i.first_name, i.contact_kind, i.contact, i.created_at
       FROM course_interest i JOIN locations l ON l.id = i.location_id
       LEFT JOIN catalogue_entities c ON c.id = i.item_id
      WHERE $1::uuid IS NULL OR i.location_id = $1::uuid
      ORDER BY i.created_at DESC`,
    [locationId ?? null],
  );
  return rows;
}

export async function deleteInterest(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM course_interest WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}

export async function kioskSettings(
  db: Queryable,
  locationId: string,
  interestRetentionDays = DEFAULT_INTEREST_RETENTION_DAYS,
): Promise<KioskSettings> {
  const { rows } = await db.query<{ kiosk_idle_seconds: number; kiosk_exit_code_hash: string | null }>(
    'SELECT kiosk_idle_seconds, kiosk_exit_code_hash FROM locations WHERE id = $1',
    [locationId],
  );
  return {
    idleSeconds: rows[0]?.kiosk_idle_seconds ?? DEFAULT_IDLE_SECONDS,
    exitCodeHash: rows[0]?.kiosk_exit_code_hash ?? null,
    interestRetentionDays,
  };
}

export async function setKioskExitCode(db: Queryable, locationId: string, code: string): Promise<void> {
  await db.query('UPDATE locations SET kiosk_exit_code_hash = $2 WHERE id = $1', [locationId, await hashExitCode(code)]);
}

export async function setKioskIdleSeconds(db: Queryable, locationId: string, seconds: number): Promise<void> {
  await db.query('UPDATE locations SET kiosk_idle_seconds = $2 WHERE id = $1', [locationId, seconds]);
}
