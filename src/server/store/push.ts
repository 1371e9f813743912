import type { PushRequest, PushResponse, Rejection, SyncState } from '../../shared/sync';
import type { Database, Queryable } from './database';
import type { AuthenticatedDevice } from './devices';
import { handlerFor } from './changes';
import type { ChangeOutcome } from './changes/types';
import { changeTypeAllowed } from '../../shared/kiosk';
import { redactPersonalDataDeep } from '../../shared/privacy';

/** A push with a change type the device's kind may not send: refused whole (403), nothing changed. */
export class PushRefusedError extends Error {
  readonly statusCode = 403;
  readonly code = 'forbidden_change_type';
}

/**
 * Applies a device's batch in one transaction. Entries at or below the device's
 * last applied sequence are duplicates and skipped; entries after a gap wait for
 * the missing one (the client resends from ack + 1), so reordered deliveries can
 * neither skip nor double a record.
 *
 * The answer speaks for every sequence number from the request's lowest up to the ack,
 * since those are what the tablet drops from its outbox (its own entries, some perhaps
 * sent and stored by an earlier delivery whose answer it never heard): `rejected` lists
 * each of them the server refused, read back from rejected_entries, and `applied` counts
 * the rest. A retry is answered as the first delivery was, and a tablet that lost the answer
 * carrying a rejection still learns of it, also when its next batch is shorter.
 */
export async function applyPush(db: Database, device: AuthenticatedDevice, request: PushRequest): Promise<PushResponse> {
  const forbidden = request.entries.find((e) => !changeTypeAllowed(device.kind, e.type));
  if (forbidden) throw new PushRefusedError(`A ${device.kind} may not send "${forbidden.type}" changes; nothing in this push was stored.`);
  return db.transaction(async (tx) => {
    // The entries this push will store (applied or rejected) are known before any is applied: those
    // after the device's last stored seq, up to the first gap. So one statement takes the row lock (two
    // pushes of one device, two tabs or a retry racing the original, run one after the other), reads
    // the last seq before and writes the ack with the device's report; a handler that fails rolls it back.
    const { rows } = await tx.query<{ before: number | string; ack: number | string }>(
      `WITH locked AS (SELECT last_seq FROM devices WHERE id = $1 FOR UPDATE),
            next AS (SELECT s, row_number() OVER (ORDER BY s) AS k
                       FROM (SELECT DISTINCT s FROM unnest($2::bigint[]) AS s, locked WHERE s > locked.last_seq) t)
       UPDATE devices d SET last_seq = a.ack, last_seen_at = now(), app_version = $3, pending_reported = $4,
              storage_persisted = CASE WHEN $5::boolean THEN $6::boolean ELSE d.storage_persisted END,
              storage_used_bytes = coalesce($7, d.storage_used_bytes), storage_quota_bytes = coalesce($8, d.storage_quota_bytes)
         FROM (SELECT locked.last_seq AS before,
                      locked.last_seq + coalesce((SELECT max(k) FROM next WHERE s - locked.last_seq = k), 0) AS ack FROM locked) a
        WHERE d.id = $1
       RETURNING a.before, a.ack`,
      [
        device.id,
        request.entries.map((e) => e.seq),
        request.appVersion,
        request.pending ?? null,
        request.storage !== undefined,
        request.storage?.persisted ?? null,
        request.storage?.usedBytes ?? null,
        request.storage?.quotaBytes ?? null,
      ],
    );
    const lastBefore = Number(rows[0]!.before);
    const ack = Number(rows[0]!.ack);
    let last = lastBefore;
    const entries = [...request.entries].sort((a, b) => a.seq - b.seq);
    const rejected: Rejection[] = [];
    for (let i = 0; i < entries.length;) {
      const entry = entries[i]!;
      if (entry.seq <= last) {
        i++;
        continue;
      }
      if (entry.seq !== last + 1) break;
      const handler = handlerFor(entry.type);
      // A run of consecutive entries of one type whose handler can take many at once.
      let run = [entry];
      if (handler?.applyMany) {
        let j = i + 1;
        while (j < entries.length && entries[j]!.type === entry.type && entries[j]!.seq === entry.seq + (j - i)) j++;
        run = entries.slice(i, j);
      }
      const outcomes: ChangeOutcome[] = !handler
        ? [{ ok: false, reason: `unknown change type "${entry.type}"` }]
        : handler.applyMany
          ? await handler.applyMany(tx, device, run)
          : [await handler(tx, device, entry)];
      run.forEach((e, k) => {
        const outcome = outcomes[k]!;
        if (!outcome.ok) rejected.push({ seq: e.seq, recordId: e.recordId, reason: safeText(outcome.reason) });
        last = e.seq;
      });
      i += run.length;
    }
    const refused = rejected.map((r) => ({ ...r, entry: entries.find((e) => e.seq === r.seq)! }));
    if (refused.length > 0) {
      await tx.query(
        `INSERT INTO rejected_entries (device_id, device_seq, record_id, change_type, payload, reason)
         SELECT $1, r.seq, r.record_id, r.change_type, r.payload, r.reason
           FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, record_id uuid, change_type text, payload jsonb, reason text)`,
        [
          device.id,
          JSON.stringify(
            refused.map((r) => ({
              seq: r.seq,
              record_id: r.recordId,
              change_type: r.entry.type,
              payload: safePayload(r.entry.payload),
              reason: r.reason,
            })),
          ),
        ],
      );
    }
    // Every seq up to the ack is stored, applied or rejected; the answer covers those from the request's first on.
    const first = entries[0]!.seq;
    // Entries this push judged answer from `rejected`; only a retried range (seqs stored before) needs the table.
    const rejectedInRange =
      first > last
        ? []
        : first > lastBefore
          ? rejected.map((r) => ({ ...r, recordId: r.recordId.toLowerCase() }))
          : await rejectedBetween(tx, device.id, first, last);
    if (last !== ack) throw new Error(`push of device ${device.id}: stored up to ${last}, acknowledged ${ack}`);
    return { ack: last, applied: Math.max(0, last - first + 1) - rejectedInRange.length, rejected: rejectedInRange };
  });
}

/** The device's rejected entries with a seq in [from, to], as the push that judged them answered them. */
async function rejectedBetween(tx: Queryable, deviceId: string, from: number, to: number): Promise<Rejection[]> {
  const { rows } = await tx.query<{ device_seq: number | string; record_id: string; reason: string }>(
    'SELECT device_seq, record_id, reason FROM rejected_entries WHERE device_id = $1 AND device_seq BETWEEN $2 AND $3 ORDER BY device_seq',
    [deviceId, from, to],
  );
  return rows.map((r) => ({ seq: Number(r.device_seq), recordId: r.record_id, reason: r.reason }));
}

/** Deeper than this, a refused payload is not worth keeping (PostgreSQL's jsonb refuses far less than a JSON parser takes). */
const MAX_KEPT_DEPTH = 64;

/**
 * Rejected payloads are kept for the coordinator, but only as far as jsonb can hold them, and
 * never with the personal data that may be why they were refused: a note holding a BSN is kept
 * as "[bsn]", so refusing a record never stores what the refusal was meant to keep out. What jsonb
 * cannot hold (U+0000, half a surrogate pair, deep nesting) is kept as `{unreadable: true}`: the
 * entry must be acknowledged whatever it holds, or the tablet would resend it for ever.
 */
function safePayload(value: unknown): unknown {
  if (value === undefined) return null;
  if (deeperThan(value, MAX_KEPT_DEPTH)) return { unreadable: true };
  const json = JSON.stringify(value);
  return json.includes('\\u0000') || LONE_SURROGATE_ESCAPE.test(json) ? { unreadable: true } : redactPersonalDataDeep(value);
}

/** JSON.stringify writes half a surrogate pair as an escape; a whole pair stays two raw characters. */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/i;

/** Without recursion, so no nesting can overflow the stack. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A reason can quote a key the device sent; PostgreSQL text cannot hold control characters like U+0000, nor half a surrogate pair. */
function safeText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '?',
  );
}

/** The device's ack and count of rejected entries, as GET /api/sync/state answers them. */
export async function readSyncState(db: Queryable, device: AuthenticatedDevice): Promise<SyncState> {
  const { rows } = await db.query<{ last_seq: number | string; rejected: number }>(
    'SELECT last_seq, (SELECT count(*)::int FROM rejected_entries WHERE device_id = $1) AS rejected FROM devices WHERE id = $1',
    [device.id],
  );
  return { deviceId: device.id, ack: Number(rows[0]!.last_seq), rejected: rows[0]!.rejected };
}

export async function listRejected(db: Queryable, deviceId: string) {
  const { rows } = await db.query<{ device_seq: number; record_id: string; reason: string }>(
    'SELECT device_seq, record_id, reason FROM rejected_entries WHERE device_id = $1 ORDER BY device_seq',
    [deviceId],
  );
  return rows;
}
