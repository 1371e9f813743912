import type { PushRequest, PushResponse, Rejection } from '../../shared/sync';
import type { Database, Queryable } from './database';
import type { AuthenticatedDevice } from './devices';
import { handlerFor } from './changes';
import type { ChangeOutcome } from './changes/types';
import { changeTypeAllowed } from '../../shared/kiosk';

/** A push with a change type the device's kind may not send: refused whole (403), nothing changed. */
export class PushRefusedError extends Error {
  readonly statusCode = 403;
  readonly code = 'forbidden_change_type';
}

/**
 * Applies a device's batch in one transaction. Entries at or below the device's
 * last applied sequence are duplicates and skipped; entries after a gap wait for
 * the missing one (the client resends from ack + 1), so reordered deliveries can
 * neither skip nor double a record. A lost response is harmless: the retry is
 * answered with the same ack.
 */
export async function applyPush(db: Database, device: AuthenticatedDevice, request: PushRequest): Promise<PushResponse> {
  const forbidden = request.entries.find((e) => !changeTypeAllowed(device.kind, e.type));
  if (forbidden) throw new PushRefusedError(`A ${device.kind} may not send "${forbidden.type}" changes; nothing in this push was stored.`);
  return db.transaction(async (tx) => {
    // Row lock: two pushes of one device (two tabs, a retry racing the original) run one after the other.
    const { rows } = await tx.query<{ last_seq: number }>('SELECT last_seq FROM devices WHERE id = $1 FOR UPDATE', [device.id]);
    let last = Number(rows[0]!.last_seq);
    const entries = [...request.entries].sort((a, b) => a.seq - b.seq);
    const rejected: Rejection[] = [];
    let applied = 0;
    for (const entry of entries) {
      if (entry.seq <= last) continue;
      if (entry.seq !== last + 1) break;
      const handler = handlerFor(entry.type);
      const outcome: ChangeOutcome = handler ? await handler(tx, device, entry) : { ok: false, reason: `unknown change type "${entry.type}"` };
      if (outcome.ok) applied++;
      else {
        await tx.query(
          `INSERT INTO rejected_entries (device_id, device_seq, record_id, change_type, payload, reason)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [device.id, entry.seq, entry.recordId, entry.type, safeJson(entry.payload), outcome.reason],
        );
        rejected.push({ seq: entry.seq, recordId: entry.recordId, reason: outcome.reason });
      }
      last = entry.seq;
    }
    await tx.query(
      `UPDATE devices SET last_seq = $2, last_seen_at = now(), app_version = $3, pending_reported = $4 WHERE id = $1`,
      [device.id, last, request.appVersion, request.pending ?? null],
    );
    return { ack: last, applied, rejected };
  });
}

/** Rejected payloads are kept for the coordinator, but only as far as jsonb can hold them. */
function safeJson(value: unknown): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text.includes('\\u0000') ? JSON.stringify({ unreadable: true }) : text;
}

export async function listRejected(db: Queryable, deviceId: string) {
  const { rows } = await db.query<{ device_seq: number; record_id: string; reason: string }>(
    'SELECT device_seq, record_id, reason FROM rejected_entries WHERE device_id = $1 ORDER BY device_seq',
    [deviceId],
  );
  return rows;
}
