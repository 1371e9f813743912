import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../../src/server/app';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { finderCatalogue } from '../../src/server/finder/catalogue-view';
import type { CatalogueItem } from '../../src/shared/catalogue';

export const ORG_PATH = '/aanbod/bibliotheek-voorbeeldstad-demo';
export const PUBLIC_URL = 'https://inloop.bieb.test';

/** A server with the demo library, its finder answering as https://inloop.bieb.test. */
export async function startFinderServer(
  db?: Database,
  finder: ServerOptions['finder'] = {},
): Promise<{ app: FastifyInstance; db: Database }> {
  const database = db ?? (await openPglite());
  if (!db) await migrate(database);
  await seedDemoIfEmpty(database);
  const app = await buildServer({ db: database, finder: { publicUrl: PUBLIC_URL, ...finder } });
  return { app, db: database };
}

// jsdom ships no type declarations; this is the one part of it used here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: { document: Document } } };

/** The page as a browser without JavaScript has it: jsdom runs no scripts unless asked. */
export function parse(html: string): Document {
  return new JSDOM(html).window.document;
}

export async function itemPathOf(db: Database, pick: (item: CatalogueItem) => boolean): Promise<{ item: CatalogueItem; path: string }> {
  const catalogue = await finderCatalogue(db);
  const item = catalogue.items.find(pick);
  if (!item) throw new Error('no such item in the demo catalogue');
  return { item, path: `${ORG_PATH}/${catalogue.slugOf.get(item.id)}` };
}

export function text(doc: Document, selector = 'main'): string {
  return (doc.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ');
}
