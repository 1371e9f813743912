import type { DeviceKind } from '../../shared/sync';
import { uuidv7 } from '../../shared/ids';
import type { Database, Queryable } from './database';
import { hashEnrolmentCode, hashSecret, newDeviceToken, newEnrolmentCode } from './secrets';

export interface AuthenticatedDevice {
  id: string;
  kind: DeviceKind;
  locationId: string;
  organisationId: string;
}

export const ENROLMENT_CODE_TTL_HOURS = 72;

/** Makes a one-time code that binds the next tablet to use it to a location. */
export async function createEnrolmentCode(
  db: Queryable,
  opts: { locationId: string; kind: DeviceKind; ttlHours?: number },
): Promise<{ code: string; expiresAt: Date }> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(Date.now() + (opts.ttlHours ?? ENROLMENT_CODE_TTL_HOURS) * 3600_000);
  await db.query('INSERT INTO enrolment_codes (code_hash, location_id, kind, expires_at) VALUES ($1, $2, $3, $4)', [
    hashEnrolmentCode(code),
    opts.locationId,
    opts.kind,
    expiresAt.toISOString(),
  ]);
  return { code, expiresAt };
}

export interface Enrolment {
  deviceId: string;
  token: string;
  kind: DeviceKind;
  location: { id: string; name: string };
  organisation: { id: string; name: string };
}

/**
 * Spends an enrolment code and creates the device, in one transaction, so a code
 * can never enrol two tablets. Returns undefined for an unknown, used or expired code.
 */
export async function enrolDevice(db: Database, code: string, name?: string): Promise<Enrolment | undefined> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      location_id: string;
      kind: DeviceKind;
      location_name: string;
      organisation_id: string;
      organisation_name: string;
    }>(
      `UPDATE enrolment_codes c SET used_at = now()
         FROM locations l JOIN organisations o ON o.id = l.organisation_id
        WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.expires_at > now() AND l.id = c.location_id
        RETURNING c.location_id, c.kind, l.name AS location_name, o.id AS organisation_id, o.name AS organisation_name`,
      [hashEnrolmentCode(code)],
    );
    const found = rows[0];
    if (!found) return undefined;
    const deviceId = uuidv7();
    const token = newDeviceToken();
    await tx.query('INSERT INTO devices (id, location_id, kind, name, token_hash) VALUES ($1, $2, $3, $4, $5)', [
      deviceId,
      found.location_id,
      found.kind,
      name ?? null,
      hashSecret(token),
    ]);
    await tx.query('UPDATE enrolment_codes SET device_id = $1 WHERE code_hash = $2', [deviceId, hashEnrolmentCode(code)]);
    return {
      deviceId,
      token,
      kind: found.kind,
      location: { id: found.location_id, name: found.location_name },
      organisation: { id: found.organisation_id, name: found.organisation_name },
    };
  });
}

export async function authenticateDevice(db: Queryable, token: string): Promise<AuthenticatedDevice | undefined> {
  const { rows } = await db.query<{ id: string; kind: DeviceKind; location_id: string; organisation_id: string }>(
    `SELECT d.id, d.kind, d.location_id, l.organisation_id
       FROM devices d JOIN locations l ON l.id = d.location_id
      WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
    [hashSecret(token)],
  );
  const row = rows[0];
  return row && { id: row.id, kind: row.kind, locationId: row.location_id, organisationId: row.organisation_id };
}

export async function revokeDevice(db: Queryable, deviceId: string): Promise<boolean> {
  const { rows } = await db.query('UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [deviceId]);
  return rows.length > 0;
}
