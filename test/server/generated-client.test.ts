import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildServer } from '../../src/server/app';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { createEnrolmentCode } from '../../src/server/store/devices';
import { uuidv7 } from '../../src/shared/ids';

/**
 * An outside client, made the standard way: types generated from the live server's /api/docs
 * with openapi-typescript, calls through openapi-fetch (test/generated-client/sync-client.ts,
 * which imports nothing of Inloop). It must compile against the generated types, then enrol,
 * push and pull against the real server over HTTP.
 */
const CLIENT_DIR = fileURLToPath(new URL('../generated-client/', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** What test/generated-client/sync-client.ts exports, as this file sees it without the generated types. */
interface GeneratedClientModule {
  visitEntry(seq: number, visit: { id: string; deviceId: string; locationId: string; note: string | null }): unknown;
  syncClient(baseUrl: string): {
    enrol(code: string): Promise<{ deviceId: string; token: string; kind: string; location: { id: string } }>;
    push(token: string, entries: unknown[]): Promise<unknown>;
    state(token: string): Promise<unknown>;
    pullAll(token: string, cursor?: string): Promise<{ rows: Map<string, unknown>; cursor: string }>;
  };
}

let db: Database;
let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemoIfEmpty(db);
  app = await buildServer({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  baseUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('a client generated from the OpenAPI document', () => {
  it('compiles against the generated types, then enrols, pushes and pulls through them', { timeout: 120_000 }, async () => {
    const doc = (await (await fetch(`${baseUrl}/api/docs`)).json()) as { servers: Array<{ url: string }> };
    expect(doc.servers[0]!.url).toBe(baseUrl);
    // Fields with a default (a visit's `actions`, `referrals`, `note` …) may be left out of a request; openapi-typescript
    // makes them required unless told not to (its --default-non-nullable=false), as docs/sync-protocol.md says.
    writeFileSync(
      path.join(CLIENT_DIR, 'openapi.generated.d.ts'),
      astToString(await openapiTS(doc as never, { defaultNonNullable: false })),
    );
    // The generated types must accept the client's calls as written: a wrong or missing type fails here.
    await promisify(execFile)(process.execPath, [TSC, '-p', path.join(CLIENT_DIR, 'tsconfig.json')]).catch(
      (err: { stdout?: string; stderr?: string }) => {
        throw new Error(`the generated client does not compile:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
      },
    );

    // Imported by its path at run time: it needs the types just generated, which the repository's own typecheck does not have.
    const clientModule = pathToFileURL(path.join(CLIENT_DIR, 'sync-client.ts')).href;
    const { syncClient, visitEntry } = (await import(/* @vite-ignore */ clientModule)) as GeneratedClientModule;
    const client = syncClient(doc.servers[0]!.url);
    const { code } = await createEnrolmentCode(db, { locationId: DEMO_LOCATIONS[0].id, kind: 'desk' });
    const desk = await client.enrol(code);
    expect(desk).toMatchObject({ kind: 'desk', location: { id: DEMO_LOCATIONS[0].id } });

    const visits = ['DigiD-app geactiveerd', null, 'woont op Kerkstraat 12'].map((note) => ({
      id: uuidv7(),
      deviceId: desk.deviceId,
      locationId: desk.location.id,
      note,
    }));
    const entries = visits.map((v, i) => visitEntry(i + 1, v));
    const answer = await client.push(desk.token, entries);
    expect(answer).toEqual({
      ack: 3,
      applied: 2,
      rejected: [{ seq: 3, recordId: visits[2]!.id, reason: expect.stringMatching(/contains personal data: address/) }],
    });
    expect(await client.push(desk.token, entries)).toEqual(answer); // a retry hears the same
    expect(await client.state(desk.token)).toEqual({ deviceId: desk.deviceId, ack: 3, rejected: 1 });

    const { rows, cursor } = await client.pullAll(desk.token);
    const { rows: live } = await db.query<{ id: string }>('SELECT id FROM catalogue_entities WHERE NOT deleted');
    expect(rows.size).toBe(live.length);
    expect(live.length).toBeGreaterThan(25); // more than one page
    expect((await client.pullAll(desk.token, cursor)).rows.size).toBe(0); // caught up
  });
});
