import Dexie, { type EntityTable } from 'dexie';
import type { StoredIndex } from '../../shared/catalogue-search';
import type { Visit } from '../../shared/visit';
import type { Tally, VoidReason } from '../../shared/visit-edits';
import type { DeviceKind } from '../../shared/sync';
import type { CatalogueEntityType } from '../../shared/catalogue';
import type { DeskVolunteer } from '../../shared/volunteers';
import type { LocationFollowUp } from '../../shared/follow-ups';
import type { CourseRun } from '../../shared/course-runs';

/**
 * The tablet's IndexedDB, and the type of every row in it (here, in one place).
 * Primary keys are fixed from version 1 (Dexie cannot change them later): string
 * UUIDs for records, the sequence number for the outbox. Later versions only add
 * tables and indexes. The outbox and its sequence counter are written through
 * db/outbox.ts only.
 */

export type SyncState = 'pending' | 'synced' | 'rejected';

export interface LocalVisit extends Visit {
  /** The outbox sequence of the change that created it. */
  seq: number;
  syncState: SyncState;
  rejectReason?: string;
  /** When the tablet committed it, ISO. */
  savedAt: string;
  /** The version the server holds once every change of this tablet arrived (1 when recorded). */
  version?: number;
  voided?: boolean;
  voidReason?: VoidReason;
  /** When it was last corrected on this tablet, ISO. */
  editedAt?: string;
}

/** A catch-up tally from a paper sheet (src/app/visits/tally.ts). */
export interface LocalTally extends Tally {
  seq: number;
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

/** The persisted catalogue search index and the catalogue cursor it reflects. */
export interface CatalogueIndexRow {
  key: string;
  format: number;
  cursor: string;
  /** The index in its stored form (typed arrays, see shared/catalogue-search.ts); a first-release row held `json` instead and is rebuilt. */
  index: StoredIndex;
}

/** A help request from a kiosk of this desk's location, as last pulled; takenAt once a volunteer here took it. */
export interface LocalHelpRequest {
  id: string;
  topic: string;
  display?: { kind: 'name' | 'number'; value: string };
  createdAt: string;
  takenAt?: string;
}

/** A volunteer of this tablet's location, as pulled from the server (PIN hash only). */
export interface LocalVolunteer extends DeskVolunteer {
  locationId: string;
}

/** Wrong PINs per volunteer, kept in IndexedDB so a reload does not reset the wait. */
export interface PinAttempts {
  volunteerId: string;
  /** Wrong PINs in a row since the last right one. */
  failures: number;
  /** Epoch ms before which no PIN is checked for this volunteer. */
  lockedUntil: number;
}

/** A follow-up appointment of this desk's location, as last pulled (or as marked here, while the mark waits). */
export type LocalFollowUp = LocationFollowUp;

/**
 * An open course run of this desk's location, as last pulled (GET /api/sync/course-runs),
 * with this desk's own changes that still wait in the outbox applied on top
 * (src/app/courses/course-run-changes.ts). A participant added here and not yet numbered
 * by the server has `number: 0`. Self-assessment answers are never kept here: only the
 * outbox holds them, until the server has them. `interest` is the kiosk course interest
 * in the run's course at this location (first names only), until a volunteer here turns
 * it into a participant or the server no longer lists it.
 */
export interface LocalCourseRun extends CourseRun {
  interest?: LocalCourseInterest[];
}

/** A visitor who left interest in a course at a kiosk of this location, as last pulled. */
export interface LocalCourseInterest {
  id: string;
  firstName: string;
  createdAt: string;
}

export const DB_NAME = 'inloop';

/**
 * Every schema version ever shipped, oldest first. Never edit a shipped entry: add
 * a new one. test/app/schema-upgrade.test.ts opens a database written by each of
 * them, with entries waiting in the outbox, and checks the upgrade keeps them all.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string> }> = [
  {
    version: 1,
    stores: {
      meta: 'key',
      visits: 'id, startedAt, syncState',
      outbox: 'seq, state, recordId',
      catalogue: 'id, entity',
    },
  },
  // Catalogue: a reset is staged beside the live copy and swapped in whole; the search index is kept between starts.
  { version: 2, stores: { catalogueStaging: 'id', catalogueIndex: 'key' } },
  // Volunteers: this location's volunteers with PIN hashes, and wrong-PIN counts that survive a reload.
  { version: 3, stores: { volunteers: 'id, locationId', pinAttempts: 'volunteerId' } },
  // Desk: catch-up tallies from paper sheets (src/app/visits/tally.ts).
  { version: 4, stores: { tallies: 'id, date' } },
  // Kiosk: the open help requests a desk pulled for its location (src/app/help/help-requests.ts).
  { version: 5, stores: { helpRequests: 'id, createdAt' } },
  // Desk: the follow-up appointments of the location, from every desk there (src/app/referrals/follow-ups.ts).
  { version: 6, stores: { followUps: 'key, at' } },
  // Desk: the open course runs of the location with their participants (src/app/courses/).
  { version: 7, stores: { courseRuns: 'id' } },
];

export class InloopDatabase extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  visits!: EntityTable<LocalVisit, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  catalogue!: EntityTable<CatalogueRow, 'id'>;
  helpRequests!: EntityTable<LocalHelpRequest, 'id'>;
  followUps!: EntityTable<LocalFollowUp, 'key'>;
  courseRuns!: EntityTable<LocalCourseRun, 'id'>;
  volunteers!: EntityTable<LocalVolunteer, 'id'>;
  pinAttempts!: EntityTable<PinAttempts, 'volunteerId'>;
  tallies!: EntityTable<LocalTally, 'id'>;
  catalogueStaging!: EntityTable<CatalogueRow, 'id'>;
  catalogueIndex!: EntityTable<CatalogueIndexRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    for (const { version, stores } of SCHEMA_VERSIONS) this.version(version).stores(stores);
  }
}
