import { describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { useTestServer } from '../helpers/server';
import { makeTally, makeVisit } from '../helpers/visits';
import { createUser } from '../../src/server/store/console/users';
import { CSRF_HEADER } from '../../src/shared/console';
import { CHANGE_TYPES, PROTOCOL_HEADER } from '../../src/shared/sync';
import { ACTIONS, DOMAINS, REFERRAL_MODES, ids } from '../../src/shared/taxonomy';
import { uuidv7 } from '../../src/shared/ids';

/**
 * The API document is the contract an outside client is written from: it must be valid by the
 * official OpenAPI schema, and say everything a client meets (payloads, statuses, headers,
 * security, content types) the way the server really behaves.
 */
const testServer = useTestServer();

type Json = Record<string, any>;
async function documentAt(): Promise<Json> {
  const response = await testServer().app.inject({ method: 'GET', url: '/api/docs', headers: { host: 'inloop.bieb.test' } });
  expect(response.statusCode).toBe(200);
  return response.json();
}
const operations = (doc: Json) =>
  Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op })),
  );

/** A JSON Schema validator for the document's (OpenAPI 3.0) schemas, with its components resolvable. */
function validatorFor(doc: Json) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ components: doc.components }, 'doc');
  return (schema: Json) => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
}

describe('the OpenAPI document', () => {
  it('is valid by the official OpenAPI schema and names its server', async () => {
    const doc = await documentAt();
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    expect(doc.servers).toEqual([{ url: 'http://inloop.bieb.test', description: expect.any(String) }]);
  });

  it('gives every operation a unique operationId', async () => {
    const ids = operations(await documentAt()).map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['pushOutbox', 'pullCatalogue', 'readSyncState']));
  });

  it("describes every change type's payload with the schema its handler judges by, taxonomy ids included", async () => {
    const doc = await documentAt();
    const entry = doc.paths['/api/sync/push'].post.requestBody.content['application/json'].schema.properties.entries.items;
    const variants = entry.oneOf as Json[];
    expect(variants.map((v) => v.properties.type.enum[0])).toEqual([...CHANGE_TYPES]);
    for (const v of variants) expect(v.properties.payload.$ref).toMatch(/^#\/components\/schemas\/\w+$/);
    const question = doc.components.schemas.VisitInput.properties.questions.items;
    expect(question.properties.domain.enum).toEqual(ids(DOMAINS));
    expect(question.properties.actions.items.enum).toEqual(ids(ACTIONS));
    expect(question.properties.referrals.items.properties.mode.enum).toEqual(ids(REFERRAL_MODES));
    // What the document calls valid, the server applies; what it calls invalid, the server rejects.
    const compile = validatorFor(doc);
    const desk = await testServer().enrol('desk');
    const visit = makeVisit(desk);
    const tally = makeTally(desk);
    const valid = compile(variants[0]!);
    const sample = (type: string, recordId: string, payload: unknown, seq: number) => ({
      seq,
      recordId,
      type,
      payload,
      createdAt: new Date().toISOString(),
    });
    const good = [sample('visit.create@1', visit.id, visit, 1), sample('tally.create@1', tally.id, tally, 2)];
    const bad = { ...visit, id: uuidv7(), questions: [{ ...visit.questions[0], domain: 'astrology' }] };
    expect(valid(good[0]), JSON.stringify(valid.errors)).toBe(true);
    expect(compile(variants[CHANGE_TYPES.indexOf('tally.create@1')]!)(good[1])).toBe(true);
    expect(valid(sample('visit.create@1', bad.id, bad, 3))).toBe(false);
    const answer = await testServer().api.push(desk.token, {
      appVersion: 'test',
      entries: [...good, sample('visit.create@1', bad.id, bad, 3)],
    });
    expect(answer).toMatchObject({ ack: 3, applied: 2, rejected: [{ seq: 3 }] });
  });

  it('declares on every sync route the protocol header, with the exact rule the server applies', async () => {
    const doc = await documentAt();
    const header = doc.components.parameters.ProtocolHeader;
    expect(header).toMatchObject({ name: PROTOCOL_HEADER, in: 'header', required: true });
    const pattern = new RegExp(header.schema.pattern);
    for (const value of ['1', '2', '10']) expect(pattern.test(value)).toBe(true);
    for (const value of ['1.0', ' 1', '01', '+1', '']) expect(pattern.test(value)).toBe(false);
    const sync = operations(doc).filter(({ path }) => path.startsWith('/api/sync/'));
    expect(sync.length).toBeGreaterThanOrEqual(6);
    for (const { method, path, op } of sync) {
      expect(op.parameters, `${method} ${path}`).toContainEqual({ $ref: '#/components/parameters/ProtocolHeader' });
      expect(op.security, `${method} ${path}`).toEqual([{ device: [] }]);
    }
    const desk = await testServer().enrol('desk');
    const refused = await testServer().app.inject({
      method: 'GET',
      url: '/api/sync/state',
      headers: { authorization: `Bearer ${desk.token}`, [PROTOCOL_HEADER]: '1.0' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('lists every status a push can answer, with retry-after on 429', async () => {
    const doc = await documentAt();
    const push = doc.paths['/api/sync/push'].post;
    expect(Object.keys(push.responses).sort()).toEqual(['200', '400', '401', '403', '408', '409', '413', '415', '426', '429', '503']);
    expect(doc.components.responses.TooManyRequests.headers['retry-after']).toEqual({ $ref: '#/components/headers/RetryAfter' });
    for (const { op } of operations(doc)) {
      expect(op.responses['429']).toBeDefined();
      expect(op.responses['503']).toBeDefined();
    }
  });

  it("declares the console's cookie and CSRF header where the server requires them", async () => {
    const doc = await documentAt();
    expect(doc.components.securitySchemes.consoleSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'inloop_session' });
    const guarded = operations(doc).filter(({ path }) => path.startsWith('/api/console/') && !['/api/console/password'].includes(path));
    for (const { method, path, op } of guarded) {
      if (path === '/api/console/session' && method === 'post') continue; // signing in is how the cookie is had
      expect(op.security, `${method} ${path}`).toEqual([{ consoleSession: [] }]);
      const csrf = (op.parameters ?? []).some((p: Json) => p.$ref === '#/components/parameters/CsrfToken');
      expect(csrf, `${method} ${path}`).toBe(method !== 'get');
    }
    expect(doc.components.parameters.CsrfToken).toMatchObject({ name: CSRF_HEADER, in: 'header', required: true });
  });

  it('declares the content types the exports answer with', async () => {
    const doc = await documentAt();
    await createUser(testServer().db, { email: 'docs-admin@example.org', role: 'admin', password: 'a long password for docs' });
    const signIn = await testServer().app.inject({
      method: 'POST',
      url: '/api/console/session',
      payload: { email: 'docs-admin@example.org', password: 'a long password for docs' },
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const period = 'from=2026-01-01T00:00:00.000Z&to=2026-12-31T00:00:00.000Z';
    const calls: Array<[string, string]> = [
      ['/api/console/exports/visits', `?format=csv&${period}`],
      ['/api/console/exports/visits', `?format=xlsx&${period}`],
      ['/api/console/ido-summary', `?format=csv&${period}`],
      ['/api/console/ido-summary', `?${period}`],
      ['/api/console/catalogue/export', '?format=csv'],
      ['/api/console/catalogue/export', '?format=hsds'],
    ];
    for (const [path, query] of calls) {
      const response = await testServer().app.inject({ method: 'GET', url: path + query, headers: { cookie } });
      expect(response.statusCode, `${path}${query}: ${response.body.slice(0, 200)}`).toBe(200);
      const type = String(response.headers['content-type']).split(';')[0]!;
      expect(Object.keys(doc.paths[path].get.responses['200'].content), `${path}${query}`).toContain(type);
    }
  });
});
