import { OUTBOX_EXPORT_FORMAT, type OutboxExport } from '../../shared/outbox-export';
import type { DeviceRecord, InloopDatabase } from '../db/database';
import { durably } from '../db/durable';
import { pendingEntries } from '../db/outbox';
import { APP_VERSION } from '../sync/api';

/** Everything this tablet has not yet delivered, as the file a coordinator can import on the server. */
export async function buildOutboxExport(db: InloopDatabase, device: DeviceRecord, now = new Date()): Promise<OutboxExport> {
  const pending = await durably(db, () => pendingEntries(db));
  return {
    format: OUTBOX_EXPORT_FORMAT,
    deviceId: device.deviceId,
    locationId: device.location.id,
    exportedAt: now.toISOString(),
    appVersion: APP_VERSION,
    entries: pending.map(({ seq, recordId, type, payload, createdAt }) => ({ seq, recordId, type, payload, createdAt })),
  };
}

/** Offers the export as a download; nothing leaves the tablet otherwise. */
export function downloadJson(filename: string, content: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(content, null, 1)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
