import Dexie, { type EntityTable } from 'dexie';
import type { Visit } from '../../shared/visit';
import type { DeviceKind } from '../../shared/sync';
import type { CatalogueEntityType } from '../../shared/catalogue';

/**
 * The tablet's IndexedDB. Primary keys are fixed from version 1 (Dexie cannot
 * change them later): string UUIDs for records, the sequence number for the outbox.
 * Later versions only add tables and indexes.
 */

export type SyncState = 'pending' | 'synced' | 'rejected';

export interface LocalVisit extends Visit {
  /** The outbox sequence of the change that created it. */
  seq: number;
  syncState: SyncState;
  rejectReason?: string;
  /** When the tablet committed it, ISO. */
  savedAt: string;
}

export interface OutboxEntry {
  seq: number;
  recordId: string;
  type: string;
  payload: unknown;
  createdAt: string;
  /** pending until the server acknowledges it; rejected entries stay, with the reason, to be shown. */
  state: 'pending' | 'rejected';
  reason?: string;
}

export interface DeviceRecord {
  deviceId: string;
  token: string;
  kind: DeviceKind;
  location: { id: string; name: string };
  organisation: { id: string; name: string };
  enrolledAt: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface CatalogueRow {
  id: string;
  entity: CatalogueEntityType;
  data: unknown;
}

export class InloopDatabase extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  visits!: EntityTable<LocalVisit, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  catalogue!: EntityTable<CatalogueRow, 'id'>;

  constructor(name = 'inloop') {
    super(name);
    this.version(1).stores({
      meta: 'key',
      visits: 'id, startedAt, syncState',
      outbox: 'seq, state, recordId',
      catalogue: 'id, entity',
    });
  }
}

export const DB_NAME = 'inloop';
