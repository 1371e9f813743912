import { Readable } from 'node:stream';
import type { RejectedEntry, RejectedEntryList } from '../../../shared/rejected-entries';
import type { Queryable } from '../database';
import { csvCell } from './exports';
import type { Scope } from './scope';

/**
 * What tablets sent that the server refused (rejected_entries), for the coordinator: per tablet,
 * newest first, with the reason and the payload as kept (personal data already redacted when it
 * was stored, see store/push.ts). A coordinator marks an entry handled once they dealt with it.
 */

/** Shown at most in the console's list; the export holds every one. */
export const REJECTED_LIST_LIMIT = 500;

type State = 'open' | 'handled' | 'all';

interface Row {
  id: number | string;
  device_seq: number | string;
  record_id: string;
  change_type: string;
  reason: string;
  payload: unknown;
  received_at: string | Date;
  handled_at: string | Date | null;
  handled_by: string | null;
}

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

function entryOf(r: Row): RejectedEntry {
  return {
    id: Number(r.id),
    deviceSeq: Number(r.device_seq),
    recordId: r.record_id,
    changeType: r.change_type,
    reason: r.reason,
    payload: r.payload,
    receivedAt: iso(r.received_at)!,
    handledAt: iso(r.handled_at),
    handledBy: r.handled_by,
  };
}

const SELECT = `SELECT r.id, r.device_seq, r.record_id, r.change_type, r.reason, r.payload, r.received_at, r.handled_at, u.email AS handled_by
                  FROM rejected_entries r LEFT JOIN users u ON u.id = r.handled_by
                 WHERE r.device_id = $1 AND ($2 = 'all' OR ($2 = 'open') = (r.handled_at IS NULL))`;

/** The tablet and its rejected entries, or undefined when the tablet is not in the user's scope. */
export async function listRejectedEntries(
  db: Queryable,
  scope: Scope,
  deviceId: string,
  state: State,
): Promise<RejectedEntryList | undefined> {
  const device = await deviceInScope(db, scope, deviceId);
  if (!device) return undefined;
  const { rows } = await db.query<Row>(`${SELECT} ORDER BY r.received_at DESC, r.device_seq DESC LIMIT $3`, [
    deviceId,
    state,
    REJECTED_LIST_LIMIT + 1,
  ]);
  return { device, entries: rows.slice(0, REJECTED_LIST_LIMIT).map(entryOf), truncated: rows.length > REJECTED_LIST_LIMIT };
}

async function deviceInScope(db: Queryable, scope: Scope, deviceId: string): Promise<RejectedEntryList['device'] | undefined> {
  const { rows } = await db.query<{ id: string; kind: 'desk' | 'kiosk'; name: string | null; location_name: string }>(
    `SELECT d.id, d.kind, d.name, l.name AS location_name FROM devices d JOIN locations l ON l.id = d.location_id
      WHERE d.id = $1 AND ($2::uuid[] IS NULL OR l.organisation_id = ANY($2::uuid[]))`,
    [deviceId, scope],
  );
  const row = rows[0];
  return row && { id: row.id, kind: row.kind, name: row.name, locationName: row.location_name };
}

/**
 * Marks one entry handled by this user. 'missing' when there is no such entry in the user's
 * scope; marking one again changes nothing (the first who handled it stays named).
 */
export async function markRejectedEntryHandled(
  db: Queryable,
  scope: Scope,
  id: number,
  userId: string,
): Promise<{ deviceId: string } | 'missing'> {
  const { rows } = await db.query<{ device_id: string }>(
    `UPDATE rejected_entries r SET handled_at = coalesce(r.handled_at, now()), handled_by = coalesce(r.handled_by, $3)
       FROM devices d JOIN locations l ON l.id = d.location_id
      WHERE r.id = $1 AND d.id = r.device_id AND ($2::uuid[] IS NULL OR l.organisation_id = ANY($2::uuid[]))
      RETURNING r.device_id`,
    [id, scope, userId],
  );
  return rows[0] ? { deviceId: rows[0].device_id } : 'missing';
}

export const REJECTED_EXPORT_HEADER = [
  'ontvangen',
  'volgnummer',
  'soort_wijziging',
  'record_id',
  'reden',
  'afgehandeld',
  'afgehandeld_door',
  'inhoud_geanonimiseerd',
];

/**
 * Every rejected entry of a tablet as CSV for Dutch Excel (UTF-8 with BOM, ";"), oldest first,
 * read a page at a time. The payload column is the redacted JSON as kept.
 */
export function rejectedEntriesCsv(db: Queryable, deviceId: string, state: State): Readable {
  async function* lines() {
    yield '\uFEFF' + REJECTED_EXPORT_HEADER.join(';') + '\r\n';
    let after = 0;
    for (;;) {
      const { rows } = await db.query<Row>(`${SELECT} AND r.id > $3 ORDER BY r.id LIMIT 1000`, [deviceId, state, after]);
      if (rows.length === 0) return;
      yield rows
        .map((r) => {
          const e = entryOf(r);
          return (
            [
              e.receivedAt,
              e.deviceSeq,
              e.changeType,
              e.recordId,
              e.reason,
              e.handledAt ?? '',
              e.handledBy ?? '',
              JSON.stringify(e.payload) ?? '',
            ]
              .map(csvCell)
              .join(';') + '\r\n'
          );
        })
        .join('');
      after = Number(rows.at(-1)!.id);
    }
  }
  return Readable.from(lines());
}

/** Open (not handled) rejected entries per tablet, for the device list. */
export const OPEN_REJECTED_COUNT_SQL = '(SELECT count(*)::int FROM rejected_entries r WHERE r.device_id = d.id AND r.handled_at IS NULL)';
