import type { ChangeType } from '../../shared/sync';
import type { Visit, VisitInput } from '../../shared/visit';
import { parseVisit } from './visit-schema';
import type { VisitUpdate, VisitVoid, VoidReason } from '../../shared/visit-edits';
import type { InloopDatabase, LocalVisit } from '../db/database';
import { durably } from '../db/durable';
import { enqueue, outboxTables } from '../db/outbox';

const UPDATE: ChangeType = 'visit.update@1';
const VOID: ChangeType = 'visit.void@1';

export type EditProblem = 'missing' | 'voided' | 'notToday' | 'otherVisit';

export class EditRefused extends Error {
  constructor(readonly problem: EditProblem) {
    super(`edit refused: ${problem}`);
    this.name = 'EditRefused';
  }
}

/** Corrections and voids are for visits that started today (local time), on the tablet that recorded them. */
export function startedToday(startedAt: string, now = new Date()): boolean {
  const started = new Date(startedAt);
  return started.getFullYear() === now.getFullYear() && started.getMonth() === now.getMonth() && started.getDate() === now.getDate();
}

export function canEdit(visit: LocalVisit, now = new Date()): boolean {
  return !visit.voided && startedToday(visit.startedAt, now);
}

function check(local: LocalVisit | undefined, now: Date): LocalVisit {
  if (!local) throw new EditRefused('missing');
  if (local.voided) throw new EditRefused('voided');
  if (!startedToday(local.startedAt, now)) throw new EditRefused('notToday');
  return local;
}

/**
 * Saves a correction of a visit and its outbox entry in one transaction. The entry
 * carries the full corrected visit and the version it was based on; the server
 * applies it or keeps it as a conflict when the record changed meanwhile.
 */
export async function updateVisit(db: InloopDatabase, input: VisitInput, now = new Date()): Promise<LocalVisit> {
  const parsed = parseVisit(input);
  const visit: Visit = parsed instanceof Promise ? await parsed : parsed;
  return durably(db, () =>
    db.transaction('rw', [...outboxTables(db), db.visits], async () => {
      const local = check(await db.visits.get(visit.id), now);
      if (local.deviceId !== visit.deviceId || local.locationId !== visit.locationId) throw new EditRefused('otherVisit');
      const baseVersion = local.version ?? 1;
      const at = now.toISOString();
      const payload: VisitUpdate = { visit, baseVersion };
      const updated: LocalVisit = { ...local, ...visit, version: baseVersion + 1, editedAt: at, syncState: 'pending' };
      delete updated.rejectReason;
      await db.visits.put(updated);
      await enqueue(db, UPDATE, visit.id, payload, at);
      return updated;
    }),
  );
}

/** Voids a visit of today: it stays on the tablet and the server as a tombstone and is no longer counted. */
export async function voidVisit(db: InloopDatabase, visitId: string, reason: VoidReason, now = new Date()): Promise<LocalVisit> {
  return durably(db, () =>
    db.transaction('rw', [...outboxTables(db), db.visits], async () => {
      const local = check(await db.visits.get(visitId), now);
      const baseVersion = local.version ?? 1;
      const at = now.toISOString();
      const payload: VisitVoid = { visitId, baseVersion, reason };
      const voided: LocalVisit = {
        ...local,
        version: baseVersion + 1,
        voided: true,
        voidReason: reason,
        editedAt: at,
        syncState: 'pending',
      };
      await db.visits.put(voided);
      await enqueue(db, VOID, visitId, payload, at);
      return voided;
    }),
  );
}
