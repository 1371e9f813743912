import createClient from 'openapi-fetch';
// Written by test/server/generated-client.test.ts from the server's /api/docs with openapi-typescript, before this file is compiled.
import type { components, paths } from './openapi.generated';

/**
 * A sync client written against the generated types alone, as an outside developer would:
 * no import from src/. The test compiles it with tsc (so the generated types must fit real
 * calls) and then runs it against a live server.
 */
export type Visit = components['schemas']['VisitInput'];
type PushBody = paths['/api/sync/push']['post']['requestBody']['content']['application/json'];
export type PushEntry = PushBody['entries'][number];

const PROTOCOL = { 'inloop-protocol': '2' } as const;

/** A desk's record of one DigiD visit as a visit.create@1 entry, typed by the document's Visit schema. */
export function visitEntry(seq: number, visit: { id: string; deviceId: string; locationId: string; note: string | null }): PushEntry {
  const payload: Visit = {
    ...visit,
    volunteerId: null,
    startedAt: new Date().toISOString(),
    durationSeconds: 900,
    channel: 'walk_in',
    questions: [{ helpKind: 'digital_service', domain: 'digital_government', organisation: 'logius', topic: 'digid', outcome: 'answered' }],
  };
  return { seq, recordId: visit.id, type: 'visit.create@1', payload, createdAt: new Date().toISOString() };
}

export function syncClient(baseUrl: string) {
  const client = createClient<paths>({ baseUrl });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    async enrol(code: string) {
      const { data, error, response } = await client.POST('/api/devices/enrol', { body: { code } });
      if (!data) throw new Error(`enrol answered ${response.status}: ${JSON.stringify(error)}`);
      return data;
    },
    async push(token: string, entries: PushEntry[]) {
      const { data, error, response } = await client.POST('/api/sync/push', {
        params: { header: PROTOCOL },
        headers: bearer(token),
        body: { appVersion: 'generated-client', entries },
      });
      if (!data) throw new Error(`push answered ${response.status}: ${JSON.stringify(error)}`);
      return data;
    },
    async state(token: string) {
      const { data, error, response } = await client.GET('/api/sync/state', { params: { header: PROTOCOL }, headers: bearer(token) });
      if (!data) throw new Error(`state answered ${response.status}: ${JSON.stringify(error)}`);
      return data;
    },
    /** Every page from `cursor` on, the way the protocol says: drop on reset, apply, keep the cursor. */
    async pullAll(token: string, cursor = '0') {
      const rows = new Map<string, unknown>();
      for (;;) {
        const { data, error, response } = await client.GET('/api/sync/catalogue', {
          params: { query: { cursor, limit: 25 }, header: PROTOCOL },
          headers: bearer(token),
        });
        if (!data) throw new Error(`pull answered ${response.status}: ${JSON.stringify(error)}`);
        if (data.reset) rows.clear();
        for (const change of data.changes) {
          if (change.deleted) rows.delete(change.id);
          else rows.set(change.id, change.data);
        }
        cursor = data.cursor;
        if (!data.more) return { rows, cursor };
      }
    },
  };
}
