import { randomUUID } from 'node:crypto';
import { normaliseContact } from '../../shared/kiosk';
import type { WebSignUp } from '../../shared/finder';
import type { Queryable } from './database';

/** A library organisation as the public finder shows it, with its locations and look. */
export interface FinderOrganisation {
  id: string;
  name: string;
  locations: Array<{ id: string; name: string; city: string | null }>;
  colour: string | null;
  hasLogo: boolean;
  frameAncestors: string[];
  /** When the look last changed (part of the pages' cache validators). */
  settingsUpdatedAt: Date | null;
}

export async function finderOrganisations(db: Queryable): Promise<FinderOrganisation[]> {
  // One query per page view: the organisations with their locations and look.
  const { rows } = await db.query<{
    id: string;
    name: string;
    colour: string | null;
    has_logo: boolean | null;
    frame_ancestors: string[] | null;
    updated_at: Date | string | null;
    locations: Array<{ id: string; name: string; city: string | null }> | string | null;
  }>(
    `SELECT o.id, o.name, s.colour, s.logo IS NOT NULL AS has_logo, s.frame_ancestors, s.updated_at,
            (SELECT json_agg(json_build_object('id', l.id, 'name', l.name, 'city', l.city) ORDER BY l.name, l.id)
               FROM locations l WHERE l.organisation_id = o.id) AS locations
       FROM organisations o LEFT JOIN finder_settings s ON s.organisation_id = o.id
      ORDER BY o.name, o.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    locations: (typeof r.locations === 'string' ? JSON.parse(r.locations) : r.locations) ?? [],
    colour: r.colour,
    hasLogo: Boolean(r.has_logo),
    frameAncestors: r.frame_ancestors ?? [],
    settingsUpdatedAt: r.updated_at ? new Date(r.updated_at) : null,
  }));
}

/** The catalogue's version and last change: what the public pages are cached by. */
export async function catalogueStamp(db: Queryable): Promise<{ version: number; updatedAt: Date | null }> {
  // The newest version is the last change (the version index answers it without a scan).
  const { rows } = await db.query<{ version: string | number | null; updated_at: Date | string | null }>(
    'SELECT version, updated_at FROM catalogue_entities ORDER BY version DESC LIMIT 1',
  );
  return { version: Number(rows[0]?.version ?? 0), updatedAt: rows[0]?.updated_at ? new Date(rows[0].updated_at) : null };
}

export async function finderLogo(db: Queryable, organisationId: string): Promise<{ data: Buffer; type: string } | undefined> {
  const { rows } = await db.query<{ logo: Uint8Array | null; logo_type: string | null }>(
    'SELECT logo, logo_type FROM finder_settings WHERE organisation_id = $1',
    [organisationId],
  );
  const row = rows[0];
  return row?.logo && row.logo_type ? { data: Buffer.from(row.logo), type: row.logo_type } : undefined;
}

/**
 * Saves an organisation's look and embedding sites. `logo` undefined keeps the
 * current logo, null removes it.
 */
export async function saveFinderBranding(
  db: Queryable,
  organisationId: string,
  settings: { colour: string | null; frameAncestors: string[]; logo?: { data: Buffer; type: string } | null },
): Promise<void> {
  const keepLogo = settings.logo === undefined;
  await db.query(
    `INSERT INTO finder_settings (organisation_id, colour, frame_ancestors, logo, logo_type, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (organisation_id) DO UPDATE SET colour = EXCLUDED.colour, frame_ancestors = EXCLUDED.frame_ancestors,
       logo = CASE WHEN $6 THEN finder_settings.logo ELSE EXCLUDED.logo END,
       logo_type = CASE WHEN $6 THEN finder_settings.logo_type ELSE EXCLUDED.logo_type END,
       updated_at = now()`,
    [organisationId, settings.colour, settings.frameAncestors, settings.logo?.data ?? null, settings.logo?.type ?? null, keepLogo],
  );
}

/**
 * Course interest left on the public pages, into the same list (and purge) as the
 * kiosk's. The same contact for the same course again is the same sign-up: a form
 * sent twice, or a retried request, gives the same answer and one row.
 */
export async function insertWebInterest(
  tx: Queryable,
  signUp: WebSignUp & { locationId: string; consentVersion: string; now?: Date },
): Promise<'inserted' | 'exists'> {
  if (await hasInterest(tx, signUp)) return 'exists';
  const contact = normaliseContact(signUp.contactKind, signUp.contact);
  const at = (signUp.now ?? new Date()).toISOString();
  const inserted = await tx.query(
    `INSERT INTO course_interest (id, location_id, device_id, item_id, first_name, contact_kind, contact,
                                  consent_text_version, consent_language, consented_at, created_at, channel)
     VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $9, 'web')
     ON CONFLICT (item_id, contact_kind, contact) WHERE channel = 'web' DO NOTHING RETURNING id`,
    [
      randomUUID(),
      signUp.locationId,
      signUp.itemId,
      signUp.firstName.trim(),
      signUp.contactKind,
      contact,
      signUp.consentVersion,
      signUp.language,
      at,
    ],
  );
  return inserted.rows.length > 0 ? 'inserted' : 'exists';
}

/** Whether this contact already left interest in this course (at a kiosk or on the public pages). */
export async function hasInterest(db: Queryable, signUp: Pick<WebSignUp, 'itemId' | 'contactKind' | 'contact'>): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM course_interest WHERE item_id = $1 AND contact_kind = $2 AND contact = $3 LIMIT 1', [
    signUp.itemId,
    signUp.contactKind,
    normaliseContact(signUp.contactKind, signUp.contact),
  ]);
  return rows.length > 0;
}

/** How many sign-ups for a course came from the public pages since a moment. */
export async function webInterestSince(db: Queryable, itemId: string, since: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM course_interest WHERE channel = 'web' AND item_id = $1 AND created_at >= $2`,
    [itemId, since.toISOString()],
  );
  return rows[0]!.n;
}
