import type { HelpRequestsResponse } from '../../shared/kiosk';
import type { InloopDatabase } from '../db/database';
import { getFromServer } from '../sync/api';
import { storeOpenHelpRequests } from './help-requests';

export type FetchHelpRequests = (token: string) => Promise<HelpRequestsResponse>;

/** GET /api/sync/help-requests, with the same headers and failure words as the other sync calls. */
export function httpHelpRequests(base = ''): FetchHelpRequests {
  return (token) =>
    getFromServer(() => import('../../shared/kiosk').then((m) => m.helpRequestsResponseSchema), `${base}/api/sync/help-requests`, token);
}

const defaultFetch = httpHelpRequests();

/**
 * A desk's copy of its location's open help requests, from the server: in each sync
 * round, and between rounds from watchHelpRequests. `overtaken` is asked once the
 * answer is in; when it says yes, the answer is dropped (something fresher is coming).
 */
export async function pullHelpRequests(
  db: InloopDatabase,
  token: string,
  fetchHelpRequests: FetchHelpRequests = defaultFetch,
  overtaken: () => boolean = () => false,
): Promise<void> {
  const { requests } = await fetchHelpRequests(token);
  if (!overtaken()) await storeOpenHelpRequests(db, requests);
}
