/** A JSON answer as the Inloop server sends it. */
export const jsonAnswer = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The entries of a push request body, for a fake server to keep what it was sent. */
export const pushedEntries = (init?: RequestInit): Array<{ seq: number; recordId: string }> =>
  (JSON.parse(String(init?.body)) as { entries: Array<{ seq: number; recordId: string }> }).entries;

/**
 * What a healthy server answers a desk's sync round: every pushed entry applied, and
 * nothing new to pull. 404 for any other path.
 */
export function healthySyncAnswer(path: string, init: RequestInit | undefined, locationId: string): Response {
  switch (path) {
    case '/api/sync/push': {
      const entries = pushedEntries(init);
      return jsonAnswer(200, { ack: Math.max(...entries.map((e) => e.seq)), applied: entries.length, rejected: [] });
    }
    case '/api/sync/catalogue':
      return jsonAnswer(200, { reset: false, changes: [], cursor: '0', more: false });
    case '/api/sync/volunteers':
      return jsonAnswer(200, { locationId, volunteers: [] });
    case '/api/sync/help-requests':
      return jsonAnswer(200, { requests: [] });
    case '/api/sync/follow-ups':
      return jsonAnswer(200, { followUps: [] });
    case '/api/sync/location':
      return jsonAnswer(200, { municipalities: [{ code: 'GM0363', name: 'Amsterdam' }] });
    case '/api/sync/course-runs':
      return jsonAnswer(200, { runs: [], interest: [] });
  }
  return jsonAnswer(404, { error: 'not_found', message: 'no such route' });
}
