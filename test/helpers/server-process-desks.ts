import { request as httpRequest } from 'node:http';
import { openDatabase } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { createEnrolmentCode, enrolDevice } from '../../src/server/store/devices';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type OutboxEntryWire } from '../../src/shared/sync';
import type { VisitInput } from '../../src/shared/visit';
import { makeVisit } from './visits';

export interface EnrolledDesk {
  deviceId: string;
  location: { id: string };
  token: string;
}

/**
 * Enrols desks in a PGlite directory before a server process opens it: PGlite has
 * one owner process at a time, so this runs while no server holds the directory.
 */
export async function enrolDesksBeforeStart(dataDir: string, count: number): Promise<EnrolledDesk[]> {
  const db = await openDatabase({ dataDir });
  try {
    await migrate(db);
    await seedDemoIfEmpty(db);
    const desks: EnrolledDesk[] = [];
    for (let i = 0; i < count; i++) {
      const location = DEMO_LOCATIONS[i % DEMO_LOCATIONS.length]!;
      const { code } = await createEnrolmentCode(db, { locationId: location.id, kind: 'desk' });
      const enrolment = (await enrolDevice(db, code))!;
      desks.push({ deviceId: enrolment.deviceId, location: { id: location.id }, token: enrolment.token });
    }
    return desks;
  } finally {
    await db.close();
  }
}

/** `count` new visits of a desk as outbox entries with sequence numbers from `firstSeq`. */
export function visitEntries(desk: EnrolledDesk, firstSeq: number, count: number): { visits: VisitInput[]; entries: OutboxEntryWire[] } {
  const visits = Array.from({ length: count }, () => makeVisit(desk));
  const entries = visits.map((visit, i) => ({
    seq: firstSeq + i,
    recordId: visit.id,
    type: 'visit.create@1',
    payload: visit,
    createdAt: new Date().toISOString(),
  }));
  return { visits, entries };
}

export interface RawAnswer {
  status: number;
  body: unknown;
}

export interface SentPush {
  /** Resolves once what was sent so far is handed to the socket. */
  written: Promise<void>;
  /** The server's answer; rejects when the connection is refused or dropped. */
  answer: Promise<RawAnswer>;
  /** Sends the bytes held back, if any. */
  finish(): Promise<void>;
}

/**
 * A push on its own fresh connection (no keep-alive pool), so a test can tell
 * exactly when the request left and whether a new connection was accepted at all.
 * `holdBack` keeps the last bytes of the body unsent until finish(): the request is
 * then provably in flight on the server, its headers read and its body incomplete.
 */
export function sendPush(baseUrl: string, token: string, entries: OutboxEntryWire[], options: { holdBack?: number } = {}): SentPush {
  const body = Buffer.from(JSON.stringify({ appVersion: 'test', entries, pending: entries.length }));
  const split = body.length - Math.min(options.holdBack ?? 0, body.length);
  const req = httpRequest(`${baseUrl}/api/sync/push`, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': body.length,
      authorization: `Bearer ${token}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    },
  });
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text for the assertion message
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
  });
  // A refused connection never writes: settle the write promises so a test waiting on them does not hang.
  const flushed = (send: (done: () => void) => void) =>
    new Promise<void>((resolve) => {
      send(resolve);
      answer.catch(() => resolve());
    });
  const allAtOnce = split === body.length;
  const written = flushed((done) => (allAtOnce ? req.end(body, done) : req.write(body.subarray(0, split), () => done())));
  return {
    written,
    answer,
    finish: () => (allAtOnce ? written : flushed((done) => req.end(body.subarray(split), done))),
  };
}
