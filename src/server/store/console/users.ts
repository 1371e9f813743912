import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from '../../../shared/ids';
import type { Role } from '../../../shared/console';
import type { Database, Queryable } from '../database';

/**
 * Console accounts. Passwords: scrypt (memory-hard, slow on purpose) with a fresh
 * 16-byte salt per password; N, r and p are stored with the hash so they can be raised
 * later without breaking existing accounts. Session and reset tokens are random and
 * stored only as SHA-256 (they carry 256 bits, so a fast hash suffices).
 */

const SCRYPT = { N: 32768, r: 8, p: 1, keylen: 32 };
export const SESSION_HOURS = 12;
export const RESET_HOURS = 72;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keylen, { ...opts, maxmem: 128 * opts.N * opts.r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keylen, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend about the same time as a real check, so unknown accounts are not told apart by timing.
    await hashPassword(password);
    return false;
  }
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export interface ConsoleUser {
  id: string;
  email: string;
  role: Role;
  organisationId: string | null;
}

export class UserInputError extends Error {}

export async function createUser(
  db: Queryable,
  opts: { email: string; role: Role; organisationId?: string | null; password?: string },
): Promise<ConsoleUser> {
  const email = opts.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UserInputError('not an e-mail address');
  const organisationId = opts.role === 'admin' ? null : (opts.organisationId ?? null);
  if (opts.role === 'coordinator' && !organisationId) throw new UserInputError('a coordinator needs an organisation');
  if (organisationId) {
    const { rows } = await db.query('SELECT 1 FROM organisations WHERE id = $1', [organisationId]);
    if (!rows.length) throw new UserInputError('no such organisation');
  }
  const { rows: taken } = await db.query('SELECT 1 FROM users WHERE email = $1', [email]);
  if (taken.length) throw new UserInputError('an account with this e-mail address exists');
  const id = uuidv7();
  const hash = opts.password ? await hashPassword(opts.password) : null;
  await db.query('INSERT INTO users (id, email, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4, $5)', [
    id,
    email,
    hash,
    opts.role,
    organisationId,
  ]);
  return { id, email, role: opts.role, organisationId };
}

export async function findUserByEmail(db: Queryable, email: string): Promise<(ConsoleUser & { active: boolean }) | undefined> {
  const { rows } = await db.query<{ id: string; email: string; role: Role; organisation_id: string | null; active: boolean }>(
    'SELECT id, email, role, organisation_id, active FROM users WHERE email = $1',
    [email.trim().toLowerCase()],
  );
  const r = rows[0];
  return r && { id: r.id, email: r.email, role: r.role, organisationId: r.organisation_id, active: r.active };
}

/** Checks e-mail and password; undefined for an unknown, inactive or wrong one (never says which). */
export async function verifyCredentials(db: Queryable, email: string, password: string): Promise<ConsoleUser | undefined> {
  const { rows } = await db.query<{
    id: string;
    email: string;
    role: Role;
    organisation_id: string | null;
    active: boolean;
    password_hash: string | null;
  }>('SELECT id, email, role, organisation_id, active, password_hash FROM users WHERE email = $1', [email.trim().toLowerCase()]);
  const r = rows[0];
  const ok = await passwordMatches(password, r?.password_hash ?? null);
  if (!ok || !r || !r.active) return undefined;
  return { id: r.id, email: r.email, role: r.role, organisationId: r.organisation_id };
}

export async function createSession(db: Queryable, userId: string): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.query(`INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`, [
    sha256(token),
    userId,
    csrfToken,
    SESSION_HOURS,
  ]);
  return { token, csrfToken };
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  user: ConsoleUser;
}

/** The session of a cookie token, if valid; sliding expiry (renewed at most once a minute). */
export async function sessionByToken(db: Queryable, token: string): Promise<ActiveSession | undefined> {
  const id = sha256(token);
  const { rows } = await db.query<{
    csrf_token: string;
    user_id: string;
    email: string;
    role: Role;
    organisation_id: string | null;
    stale: boolean;
  }>(
    `SELECT s.csrf_token, u.id AS user_id, u.email, u.role, u.organisation_id, s.last_seen_at < now() - interval '1 minute' AS stale
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
    [id],
  );
  const r = rows[0];
  if (!r) return undefined;
  if (r.stale)
    await db.query(`UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(hours => $2) WHERE id = $1`, [
      id,
      SESSION_HOURS,
    ]);
  return { id, csrfToken: r.csrf_token, user: { id: r.user_id, email: r.email, role: r.role, organisationId: r.organisation_id } };
}

export async function revokeSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]);
}

/** Signs a user out on every browser. */
export async function revokeAllSessions(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id', [
    userId,
  ]);
  return rows.length;
}

/** A one-time token to set a (new) password; earlier unused ones of the user stop working. */
export async function createPasswordReset(db: Queryable, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + RESET_HOURS * 3600_000);
  await db.query('UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [userId]);
  await db.query('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    sha256(token),
    userId,
    expiresAt.toISOString(),
  ]);
  return { token, expiresAt };
}

/** Spends a reset token: sets the password and signs the user out everywhere. Undefined for a bad token. */
export async function usePasswordReset(db: Database, token: string, password: string): Promise<string | undefined> {
  const { rows: found } = await db.query('SELECT 1 FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()', [
    sha256(token),
  ]);
  if (!found.length) return undefined;
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ user_id: string }>(
      `UPDATE password_resets r SET used_at = now() FROM users u
        WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.id = r.user_id AND u.active
        RETURNING r.user_id`,
      [sha256(token)],
    );
    const userId = rows[0]?.user_id;
    if (!userId) return undefined;
    await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
    await revokeAllSessions(tx, userId);
    return userId;
  });
}

export async function listUsers(db: Queryable, scope: string[] | null) {
  const { rows } = await db.query<{
    id: string;
    email: string;
    role: Role;
    organisation_id: string | null;
    active: boolean;
    has_password: boolean;
  }>(
    `SELECT id, email, role, organisation_id, active, password_hash IS NOT NULL AS has_password FROM users
      WHERE $1::uuid[] IS NULL OR organisation_id = ANY($1::uuid[]) ORDER BY email`,
    [scope],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    organisationId: r.organisation_id,
    active: r.active,
    hasPassword: r.has_password,
  }));
}

export async function userById(db: Queryable, id: string): Promise<(ConsoleUser & { active: boolean }) | undefined> {
  const { rows } = await db.query<{ id: string; email: string; role: Role; organisation_id: string | null; active: boolean }>(
    'SELECT id, email, role, organisation_id, active FROM users WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r && { id: r.id, email: r.email, role: r.role, organisationId: r.organisation_id, active: r.active };
}

export async function setUserActive(db: Queryable, id: string, active: boolean): Promise<void> {
  await db.query('UPDATE users SET active = $2 WHERE id = $1', [id, active]);
  if (!active) await revokeAllSessions(db, id);
}
