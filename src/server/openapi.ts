import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from '../shared/zod';
import { CSRF_HEADER, SESSION_COOKIE } from '../shared/console';
import {
  MIN_PROTOCOL_VERSION,
  PROTOCOL_HEADER,
  PROTOCOL_HEADER_PATTERN,
  PROTOCOL_VERSION,
  apiErrorSchema,
  pushRequestSchema,
} from '../shared/sync';
import { CHANGE_PAYLOAD_SCHEMAS, CHANGE_TYPE_DESCRIPTIONS, documentedPushRequestSchema } from '../shared/change-payloads';
import { requireDevice } from './routes/device-auth';
import { requireConsole } from './routes/console/auth';

/**
 * The OpenAPI document at /api/docs, generated from the routes' zod schemas, and completed
 * with what the schemas cannot say: which hook guards a route (the device's bearer token and
 * protocol header, or the console's cookie and CSRF header), the answers every route can give
 * (429 with retry-after, 503), the content types of the exports, an operationId for each
 * operation. Read from the routes themselves, so a route added later is described the same way.
 */

/** Schemas shown once, as components, and referred to wherever a route uses them. */
const apiSchemas = z.registry<{ id: string; description?: string }>();
const COMPONENT_NAMES: Record<keyof typeof CHANGE_PAYLOAD_SCHEMAS, string> = {
  'visit.create@1': 'Visit',
  'helpRequest.create@1': 'HelpRequest',
  'interest.create@1': 'CourseInterest',
  'helpRequest.take@1': 'HelpRequestTake',
  'visit.update@1': 'VisitUpdate',
  'visit.void@1': 'VisitVoid',
  'tally.create@1': 'Tally',
  'followUp.mark@1': 'FollowUpMark',
  'survey.create@1': 'SurveyResponse',
  'courseParticipant.add@1': 'CourseParticipantAdd',
  'courseAttendance.mark@1': 'CourseAttendanceMark',
  'courseParticipant.end@1': 'CourseParticipantEnd',
  'courseAssessment.create@1': 'CourseAssessment',
};
for (const [type, schema] of Object.entries(CHANGE_PAYLOAD_SCHEMAS) as Array<[keyof typeof CHANGE_PAYLOAD_SCHEMAS, z.ZodMiniType]>) {
  apiSchemas.add(schema, { id: COMPONENT_NAMES[type], description: `The payload of \`${type}\`. ${CHANGE_TYPE_DESCRIPTIONS[type]}` });
}
apiSchemas.add(apiErrorSchema, {
  id: 'ApiError',
  description: 'Every error answer: a stable code, an English message, and for invalid requests the problems found.',
});

/** Validated loosely, documented strictly: a push takes any payload and rejects a wrong one per entry. */
const DOCUMENTED_AS = new Map<unknown, z.ZodMiniType>([[pushRequestSchema, documentedPushRequestSchema]]);

const zodTransform = createJsonSchemaTransform({ schemaRegistry: apiSchemas });
const zodTransformObject = createJsonSchemaTransformObject({ schemaRegistry: apiSchemas });

type Json = Record<string, unknown>;
const AUTH_MARK = 'x-inloop-auth';

/** Per route: the zod schemas to JSON Schema, and a mark of the guard its onRequest hooks apply. */
export const transform: typeof zodTransform = (input) => {
  const schema = input.schema as Json | undefined;
  const documented = schema && DOCUMENTED_AS.has(schema.body) ? { ...schema, body: DOCUMENTED_AS.get(schema.body) } : schema;
  const out = zodTransform({ ...input, schema: documented as typeof input.schema });
  const result = out.schema as Json;
  if (result.hide) return out;
  const hooks = [input.route.onRequest].flat();
  result[AUTH_MARK] = hooks.includes(requireDevice) ? 'device' : hooks.includes(requireConsole) ? 'console' : 'none';
  return out;
};

/** The document as a whole: components from the registry, then completed operation by operation. */
export const transformObject: typeof zodTransformObject = (input) =>
  completeDocument(zodTransformObject(input) as Json) as ReturnType<typeof zodTransformObject>;

/** Given to @fastify/swagger up front: it reads them while it builds each operation. */
export const SECURITY_SCHEMES = {
  device: {
    type: 'http',
    scheme: 'bearer',
    description: 'The device token from `POST /api/devices/enrol`. Every sync route also needs the `inloop-protocol` header.',
  },
  partnerLink: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The secret of a partner link (the last part of the link the coordinator made in the console). Unknown or revoked: 401, nothing changed.',
  },
  consoleSession: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `The console session cookie set by \`POST /api/console/session\`. Every console request that changes something also carries the session's CSRF token in \`${CSRF_HEADER}\`.`,
  },
} as const;

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const errorContent = { 'application/json': { schema: ref('schemas', 'ApiError') } };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Answers that are not (only) JSON, by operation: the 200's content types. */
const CONTENT_TYPES: Record<string, { description: string; types: Record<string, 'json' | 'text' | 'binary'> }> = {
  'get /api/console/exports/visits': {
    description: 'The export: CSV for Dutch Excel (UTF-8 with BOM, `;`) for format=csv, a workbook for format=xlsx',
    types: { 'text/csv': 'text', [XLSX]: 'binary' },
  },
  'get /api/console/ido-summary': {
    description: 'The summary as JSON, or as CSV for format=csv',
    types: { 'application/json': 'json', 'text/csv': 'text' },
  },
  'get /api/console/rejected-entries/export': {
    description: "The tablet's rejected entries as CSV for Dutch Excel (UTF-8 with BOM, `;`)",
    types: { 'text/csv': 'text' },
  },
  'get /api/console/referrals/funnel': {
    description: 'The funnel as JSON, or as CSV for format=csv',
    types: { 'application/json': 'json', 'text/csv': 'text' },
  },
  'get /api/console/catalogue/export': {
    description: 'The catalogue as HSDS 3.0 JSON (format=hsds) or as CSV (format=csv)',
    types: { 'application/json': 'json', 'text/csv': 'text' },
  },
};

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK',
  '400': 'The request is not valid: nothing was changed (`issues` lists the problems)',
  '401': 'Not signed in, or the token is unknown or revoked: nothing was changed',
  '403': 'Not allowed for this caller: nothing was changed',
  '404': "No such record (or one outside the caller's scope)",
  '408': 'The upload did not finish within 60 seconds: nothing was changed; send it again',
  '409': 'Conflicts with the stored state: nothing was changed',
  '413': 'The body is larger than the server takes: nothing was changed',
  '415': 'The body is not JSON: nothing was changed',
  '426': 'The client is too old for this server: update it; nothing was changed',
  '429': 'Too many requests: wait for `retry-after` seconds; nothing was changed',
  '503': 'The server could not reach its database: nothing was committed; try again shortly',
};

function completeDocument(doc: Json): Json {
  const components = (doc.components ??= {}) as Json;
  components.securitySchemes = { ...(components.securitySchemes as Json | undefined), ...SECURITY_SCHEMES };
  components.parameters = {
    ...(components.parameters as Json | undefined),
    ProtocolHeader: {
      name: PROTOCOL_HEADER,
      in: 'header',
      required: true,
      description:
        `The sync protocol the client speaks: exactly a decimal integer in digits, no sign, leading zero, decimals or other characters (this server: ${MIN_PROTOCOL_VERSION}–${PROTOCOL_VERSION}). ` +
        'Malformed: 400 `invalid_protocol_header`; missing or too old: 426 `client_outdated`; newer than the server: 409 `server_outdated`.',
      schema: { type: 'string', pattern: PROTOCOL_HEADER_PATTERN.source, example: String(PROTOCOL_VERSION) },
    },
    CsrfToken: {
      name: CSRF_HEADER,
      in: 'header',
      required: true,
      description: 'The `csrfToken` of the console session (from `GET` or `POST /api/console/session`). Missing or wrong: 403 `csrf`.',
      schema: { type: 'string' },
    },
  };
  components.headers = {
    ...(components.headers as Json | undefined),
    RetryAfter: { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } },
  };
  components.responses = {
    ...(components.responses as Json | undefined),
    TooManyRequests: { description: STATUS_TEXT['429'], headers: { 'retry-after': ref('headers', 'RetryAfter') }, content: errorContent },
    Unavailable: { description: STATUS_TEXT['503'], content: errorContent },
    ClientOutdated: { description: `${STATUS_TEXT['426']} (\`client_outdated\`)`, content: errorContent },
    ServerOutdated: {
      description: 'The client speaks a newer protocol than this server (`server_outdated`): update the server; nothing was changed',
      content: errorContent,
    },
  };
  doc.servers ??= [{ url: '/', description: 'This server' }];

  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const auth = op[AUTH_MARK];
      delete op[AUTH_MARK];
      op.operationId ??= operationIdOf(method, path);
      op.tags ??= [path.split('/')[2] ?? 'api'];
      const parameters = ((op.parameters as Json[] | undefined) ?? []).filter(
        (p) => p.in !== 'header' || (p.name !== PROTOCOL_HEADER && p.name !== CSRF_HEADER),
      );
      const responses = (op.responses ??= {}) as Json;
      if (auth === 'device') {
        op.security = [{ device: [] }];
        parameters.push(ref('parameters', 'ProtocolHeader'));
        responses['400'] ??= { description: STATUS_TEXT['400'], content: errorContent };
        responses['401'] ??= { description: STATUS_TEXT['401'], content: errorContent };
        responses['409'] ??= ref('responses', 'ServerOutdated');
        responses['426'] = ref('responses', 'ClientOutdated');
      } else if (auth === 'console') {
        op.security = [{ consoleSession: [] }];
        if (method !== 'get') parameters.push(ref('parameters', 'CsrfToken'));
      }
      if (parameters.length > 0) op.parameters = parameters;
      if (op.requestBody) {
        responses['408'] ??= { description: STATUS_TEXT['408'], content: errorContent };
        responses['413'] ??= { description: STATUS_TEXT['413'], content: errorContent };
        responses['415'] ??= { description: STATUS_TEXT['415'], content: errorContent };
      }
      // Every route is under the per-address limit, and every route can lose its database.
      const limited = responses['429'] as Json | undefined;
      if (limited && !limited.$ref) limited.headers = { 'retry-after': ref('headers', 'RetryAfter') };
      else responses['429'] = ref('responses', 'TooManyRequests');
      responses['503'] ??= ref('responses', 'Unavailable');
      const special = CONTENT_TYPES[`${method} ${path}`];
      if (special) {
        const json = ((responses['200'] as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
        responses['200'] = {
          description: special.description,
          content: Object.fromEntries(
            Object.entries(special.types).map(([type, kind]) => [
              type,
              kind === 'json'
                ? (json ?? { schema: {} })
                : { schema: { type: 'string', ...(kind === 'binary' ? { format: 'binary' } : {}) } },
            ]),
          ),
        };
      }
      for (const [status, response] of Object.entries(responses) as Array<[string, Json]>) {
        if (response.description === 'Default Response') response.description = STATUS_TEXT[status] ?? 'Answer';
      }
    }
  }
  const signIn = ((doc.paths as Record<string, Record<string, Json>>)['/api/console/session']?.post?.responses as Json | undefined)?.[
    '200'
  ] as Json | undefined;
  if (signIn)
    signIn.headers = {
      'set-cookie': {
        description: `The session cookie \`${SESSION_COOKIE}\` (HttpOnly, SameSite=Strict, Path=/api/console)`,
        schema: { type: 'string' },
      },
    };
  pruneUnusedSchemas(doc);
  return doc;
}

/** The registry yields each schema as a request and as an answer shape; only those some operation uses are kept. */
function pruneUnusedSchemas(doc: Json): void {
  const schemas = (doc.components as Json).schemas as Json | undefined;
  if (!schemas) return;
  const used = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
          const name = child.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            walk(schemas[name]);
          }
        } else walk(child);
      }
    }
  };
  walk(doc.paths);
  walk({ ...(doc.components as Json), schemas: undefined });
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

/** get /api/console/visits/{id}/review → getConsoleVisitsByIdReview: stable, unique per operation. */
function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split('/')
    .map((part) => (part.startsWith('{') ? `by-${part.slice(1, -1)}` : part))
    .flatMap((part) => part.split(/[-_]/))
    .filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
