import type { FastifyInstance } from 'fastify';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, pullResponseSchema } from '../../src/shared/sync';
import type { Queryable } from '../../src/server/store/database';

/**
 * A tablet's copy of the catalogue, kept the way docs/sync-protocol.md tells a client to:
 * pull pages through the real route, drop everything on a reset, apply changes and
 * tombstones, keep the cursor. Compared with the server's live rows afterwards.
 */
export class PullingTablet {
  readonly rows = new Map<string, unknown>();
  cursor = '0';
  resets = 0;

  constructor(private readonly token: string) {}

  async pull(app: FastifyInstance, limit = 50): Promise<void> {
    for (let pages = 0; pages < 10_000; pages++) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/sync/catalogue?cursor=${encodeURIComponent(this.cursor)}&limit=${limit}`,
        headers: { authorization: `Bearer ${this.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      });
      if (response.statusCode !== 200) throw new Error(`pull answered ${response.statusCode}: ${response.body}`);
      const page = pullResponseSchema.parse(response.json());
      if (page.reset) {
        this.resets++;
        this.rows.clear();
      }
      for (const change of page.changes) {
        if (change.deleted) this.rows.delete(change.id);
        else this.rows.set(change.id, change.data);
      }
      this.cursor = page.cursor;
      if (!page.more) return;
    }
    throw new Error('the pull never ended');
  }
}

/** The server's live catalogue, as a tablet that is up to date holds it. */
export async function liveCatalogue(db: Queryable): Promise<Map<string, unknown>> {
  const { rows } = await db.query<{ id: string; data: unknown }>('SELECT id, data FROM catalogue_entities WHERE NOT deleted');
  return new Map(rows.map((r) => [r.id, r.data]));
}
