import { InloopDatabase } from './db/database';
import { createServerApi } from './sync/api';
import { SyncEngine } from './sync/engine';

/** The app's single database, server API and sync engine. */
export const db = new InloopDatabase();
export const api = createServerApi();
export const syncEngine = new SyncEngine(db, api);
