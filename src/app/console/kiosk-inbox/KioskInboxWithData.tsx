import type { KioskInbox as KioskInboxData } from '../../../shared/console';
import { del, useLoad } from '../api';
import { KioskInbox } from './KioskInbox';

/**
 * The kiosk inbox's data (#/inbox): what visitors sent from the kiosks, and deleting a course
 * interest after calling back. Routes: src/server/routes/console/kiosk-inbox.ts.
 */
export function KioskInboxWithData() {
  const [data, reload] = useLoad<KioskInboxData>('/inbox');
  const deleteInterest = (id: string) => void del(`/interest/${id}`).then(reload);
  return <KioskInbox inbox={data} onDeleteInterest={deleteInterest} />;
}
