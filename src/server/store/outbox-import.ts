import { MAX_PUSH_ENTRIES } from '../../shared/sync';
import type { OutboxExport } from '../../shared/outbox-export';
import type { Database } from './database';
import type { AuthenticatedDevice } from './devices';
import { applyPush } from './push';

export interface OutboxImportResult {
  applied: number;
  rejected: number;
  alreadyPresent: number;
  ack: number;
}

/**
 * Applies a tablet's emergency export as if the tablet had pushed it: same
 * sequence rules, so importing a file twice (or after the tablet synced after all)
 * changes nothing the second time. Works for a revoked device too: that is what
 * the export is for.
 */
export async function importOutboxExport(db: Database, file: OutboxExport): Promise<OutboxImportResult> {
  const { rows } = await db.query<{ id: string; kind: 'desk' | 'kiosk'; location_id: string; organisation_id: string }>(
    'SELECT d.id, d.kind, d.location_id, l.organisation_id FROM devices d JOIN locations l ON l.id = d.location_id WHERE d.id = $1',
    [file.deviceId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no device ${file.deviceId} on this server: was the file exported from a tablet of this network?`);
  if (row.location_id !== file.locationId) throw new Error('the file names another location than the device belongs to');
  const device: AuthenticatedDevice = { id: row.id, kind: row.kind, locationId: row.location_id, organisationId: row.organisation_id };
  const entries = [...file.entries].sort((a, b) => a.seq - b.seq);
  const result: OutboxImportResult = { applied: 0, rejected: 0, alreadyPresent: 0, ack: 0 };
  for (let i = 0; i < entries.length; i += MAX_PUSH_ENTRIES) {
    const batch = entries.slice(i, i + MAX_PUSH_ENTRIES);
    const response = await applyPush(db, device, { appVersion: `import:${file.appVersion}`.slice(0, 40), entries: batch });
    result.applied += response.applied;
    result.rejected += response.rejected.length;
    result.ack = response.ack;
    if (response.ack < batch.at(-1)!.seq) throw new Error(`the server waits for entry ${response.ack + 1}, which this file does not hold`);
  }
  result.alreadyPresent = entries.length - result.applied - result.rejected;
  return result;
}
