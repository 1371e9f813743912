import type { Queryable } from './database';
import { pullCatalogueChanges, type CursorFormat } from './catalogue-feed';

/**
 * At opening time every tablet of a network pulls the same pages (a new tablet
 * pulls from "0"). A page depends only on its cursor, its size and the catalogue's
 * version, so the serialised page is kept per (cursor, size) and served again while
 * the version, tombstone horizon and epoch are unchanged. Nothing stale can be served: the
 * version is read first on every request. Per process and bounded, so several
 * servers on one database each keep their own.
 */
const MAX_PAGES = 64;

interface CachedPage {
  version: number;
  horizon: number;
  epoch: string;
  body: string;
}

export class CataloguePullCache {
  private readonly pages = new Map<string, CachedPage>();
  /** Pages being built: a crowd arriving at once (the cache empty or just outdated) waits for one build, not one each. */
  private readonly building = new Map<string, Promise<string>>();
  hits = 0;

  async page(db: Queryable, cursor: string, limit: number, format: CursorFormat = 'epoch'): Promise<string> {
    const { rows } = await db.query<{ version: number; horizon: number; epoch: string }>(
      'SELECT version, horizon, epoch FROM sync_state WHERE id = 1',
    );
    const version = Number(rows[0]!.version);
    const horizon = Number(rows[0]!.horizon);
    const epoch = rows[0]!.epoch;
    const key = `${cursor}|${limit}|${format}`;
    const cached = this.pages.get(key);
    if (cached && cached.version === version && cached.horizon === horizon && cached.epoch === epoch) {
      this.hits++;
      this.pages.delete(key); // keep the most used pages at the end
      this.pages.set(key, cached);
      return cached.body;
    }
    const buildKey = `${key}|${version}|${horizon}|${epoch}`;
    const inFlight = this.building.get(buildKey);
    if (inFlight) return inFlight;
    const build = (async () => {
      const body = JSON.stringify(await pullCatalogueChanges(db, cursor, limit, format));
      this.pages.set(key, { version, horizon, epoch, body });
      if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
      return body;
    })().finally(() => this.building.delete(buildKey));
    this.building.set(buildKey, build);
    return build;
  }
}
