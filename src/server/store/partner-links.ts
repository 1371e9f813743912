import { uuidv7 } from '../../shared/ids';
import type { Queryable } from './database';
import { hashSecret, newDeviceToken } from './secrets';

/**
 * Partner links (docs/referrals.md): per library organisation and partner organisation of
 * the catalogue, a secret link the partner opens to confirm referral codes. The secret has
 * 256 random bits like a device token and is stored only as its sha256; revoked links are
 * refused from then on.
 */

export interface PartnerLink {
  id: string;
  organisationId: string;
  partnerId: string;
}

export async function createPartnerLink(
  db: Queryable,
  opts: { organisationId: string; partnerId: string; label?: string; createdBy: string | null },
): Promise<{ id: string; secret: string }> {
  const id = uuidv7();
  const secret = newDeviceToken();
  await db.query(
    'INSERT INTO partner_links (id, organisation_id, partner_id, label, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, opts.organisationId, opts.partnerId, opts.label || null, hashSecret(secret), opts.createdBy],
  );
  return { id, secret };
}

/** The link a secret belongs to, unless it is unknown or revoked. */
export async function partnerLinkBySecret(db: Queryable, secret: string): Promise<PartnerLink | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return undefined;
  const { rows } = await db.query<{ id: string; organisation_id: string; partner_id: string }>(
    'UPDATE partner_links SET last_used_at = now() WHERE secret_hash = $1 AND revoked_at IS NULL RETURNING id, organisation_id, partner_id',
    [hashSecret(secret)],
  );
  const row = rows[0];
  return row && { id: row.id, organisationId: row.organisation_id, partnerId: row.partner_id };
}

export async function revokePartnerLink(db: Queryable, id: string, scope: string[] | null): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE partner_links SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL AND ($2::uuid[] IS NULL OR organisation_id = ANY($2::uuid[])) RETURNING id',
    [id, scope],
  );
  return rows.length > 0;
}

export async function listPartnerLinks(db: Queryable, scope: string[] | null) {
  const { rows } = await db.query<{
    id: string;
    organisation_id: string;
    partner_id: string;
    partner_name: string | null;
    label: string | null;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  }>(
    `SELECT p.id, p.organisation_id, p.partner_id, c.data->>'name' AS partner_name, p.label, p.created_at, p.revoked_at, p.last_used_at
       FROM partner_links p LEFT JOIN catalogue_entities c ON c.entity = 'organization' AND c.id = p.partner_id
      WHERE ($1::uuid[] IS NULL OR p.organisation_id = ANY($1::uuid[]))
      ORDER BY p.revoked_at IS NOT NULL, partner_name, p.created_at DESC`,
    [scope],
  );
  const iso = (d: string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    partnerId: r.partner_id,
    partnerName: r.partner_name ?? r.partner_id,
    label: r.label,
    createdAt: iso(r.created_at)!,
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  }));
}

/** The catalogue's organisations a partner link can be made for: every one but the libraries themselves. */
export async function partnerOrganisations(db: Queryable): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT id, data->>'name' AS name FROM catalogue_entities
      WHERE entity = 'organization' AND NOT deleted AND coalesce((data->>'isLibrary')::boolean, false) = false ORDER BY name, id`,
  );
  return rows;
}

/** The partner's name, for its page. */
export async function partnerName(db: Queryable, partnerId: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT data->>'name' AS name FROM catalogue_entities WHERE entity = 'organization' AND id = $1`,
    [partnerId],
  );
  return rows[0]?.name ?? '';
}
