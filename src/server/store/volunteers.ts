import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { uuidv7 } from '../../shared/ids';
import {
  PIN_ALGORITHM,
  PIN_HASH_BYTES,
  PIN_ITERATIONS,
  PIN_SALT_BYTES,
  displayNameSchema,
  pinProblem,
  type DeskVolunteer,
  type PinHash,
} from '../../shared/volunteers';
import type { Queryable } from './database';

const pbkdf2Async = promisify(pbkdf2);

/** Thrown for a PIN or name a coordinator may not use; the CLI prints the message. */
export class VolunteerInputError extends Error {}

export interface VolunteerRow {
  id: string;
  location_id: string;
  location_name: string;
  display_name: string;
  active: boolean;
  pin_iterations: number;
  created_at: string;
  updated_at: string;
}

/** Hashes a PIN with a fresh random salt. Node's PBKDF2 here, WebCrypto's on the tablet: the same algorithm, checked against each other in the tests. */
export async function hashPin(pin: string, iterations: number = PIN_ITERATIONS): Promise<PinHash> {
  const salt = randomBytes(PIN_SALT_BYTES);
  const hash = await pbkdf2Async(pin, salt, iterations, PIN_HASH_BYTES, 'sha256');
  return { algorithm: PIN_ALGORITHM, iterations, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** Checks a PIN against a stored hash on the server (the tablet has its own, offline). */
export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await pbkdf2Async(pin, Buffer.from(stored.salt, 'base64'), stored.iterations, expected.length, 'sha256');
  return timingSafeEqual(actual, expected);
}

function checkPin(pin: string): void {
  const problem = pinProblem(pin);
  if (problem === 'format') throw new VolunteerInputError('a PIN is 4 to 8 digits');
  if (problem === 'trivial')
    throw new VolunteerInputError('this PIN is too easy to guess (same digit, a run like 1234, or a repeated pair); choose another');
}

function checkName(name: string): string {
  const parsed = displayNameSchema.safeParse(name);
  if (!parsed.success) throw new VolunteerInputError('a display name is 1 to 40 characters, e.g. "Anna B."');
  return parsed.data;
}

export async function createVolunteer(
  db: Queryable,
  opts: { locationId: string; displayName: string; pin: string; id?: string; iterations?: number },
): Promise<{ id: string }> {
  const displayName = checkName(opts.displayName);
  checkPin(opts.pin);
  const pin = await hashPin(opts.pin, opts.iterations);
  const id = opts.id ?? uuidv7();
  await db.query(
    `INSERT INTO volunteers (id, location_id, display_name, pin_algorithm, pin_iterations, pin_salt, pin_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, opts.locationId, displayName, pin.algorithm, pin.iterations, pin.salt, pin.hash],
  );
  return { id };
}

/** Sets a new PIN (with a new salt). Returns false when no volunteer has that id. */
export async function setVolunteerPin(db: Queryable, id: string, pin: string, iterations?: number): Promise<boolean> {
  checkPin(pin);
  const hashed = await hashPin(pin, iterations);
  const { rows } = await db.query(
    `UPDATE volunteers SET pin_algorithm = $2, pin_iterations = $3, pin_salt = $4, pin_hash = $5, updated_at = now()
      WHERE id = $1 RETURNING id`,
    [id, hashed.algorithm, hashed.iterations, hashed.salt, hashed.hash],
  );
  return rows.length > 0;
}

/** The volunteer can no longer sign in; tablets drop them on their next sync. Visits keep their id. */
export async function deactivateVolunteer(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('UPDATE volunteers SET active = false, updated_at = now() WHERE id = $1 AND active RETURNING id', [id]);
  return rows.length > 0;
}

export async function listVolunteers(
  db: Queryable,
  opts: { locationId?: string; includeInactive?: boolean } = {},
): Promise<VolunteerRow[]> {
  const { rows } = await db.query<VolunteerRow>(
    `SELECT v.id, v.location_id, l.name AS location_name, v.display_name, v.active, v.pin_iterations, v.created_at, v.updated_at
       FROM volunteers v JOIN locations l ON l.id = v.location_id
      WHERE ($1::uuid IS NULL OR v.location_id = $1) AND ($2 OR v.active)
      ORDER BY l.name, v.display_name, v.id`,
    [opts.locationId ?? null, opts.includeInactive ?? true],
  );
  return rows;
}

/** What a desk tablet of this location may know: the active volunteers, with PIN hashes. */
export async function deskVolunteers(db: Queryable, locationId: string): Promise<DeskVolunteer[]> {
  const { rows } = await db.query<{
    id: string;
    display_name: string;
    pin_algorithm: string;
    pin_iterations: number;
    pin_salt: string;
    pin_hash: string;
  }>(
    `SELECT id, display_name, pin_algorithm, pin_iterations, pin_salt, pin_hash
       FROM volunteers WHERE location_id = $1 AND active
      ORDER BY display_name, id`,
    [locationId],
  );
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    pin: { algorithm: PIN_ALGORITHM, iterations: Number(r.pin_iterations), salt: r.pin_salt, hash: r.pin_hash },
  }));
}

export async function getPinHash(db: Queryable, id: string): Promise<PinHash | undefined> {
  const { rows } = await db.query<{ pin_iterations: number; pin_salt: string; pin_hash: string }>(
    'SELECT pin_iterations, pin_salt, pin_hash FROM volunteers WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r && { algorithm: PIN_ALGORITHM, iterations: Number(r.pin_iterations), salt: r.pin_salt, hash: r.pin_hash };
}
