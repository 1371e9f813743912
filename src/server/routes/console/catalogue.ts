import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod';
import { exportCsv, exportServiceList, exportTabularZip } from '../../catalogue/export';
import { importCatalogue, type CatalogueInput } from '../../catalogue/import';
import { formatIssue } from '../../catalogue/validate';
import {
  catalogueCreateSchema,
  catalogueItemDetailSchema,
  catalogueListQuerySchema,
  catalogueListSchema,
  catalogueReferencesSchema,
  catalogueRetireSchema,
  catalogueUpdateSchema,
  catalogueWriteResultSchema,
  idParamsSchema,
} from '../../../shared/console';
import { CATALOGUE_IMPORT_CLI, CATALOGUE_IMPORT_MAX_BYTES, catalogueImportAnswerSchema } from '../../../shared/catalogue-import';
import { apiErrorSchema, type ApiError } from '../../../shared/sync';
import {
  CatalogueEditError,
  catalogueReferences,
  createItem,
  deleteItem,
  editRights,
  itemDetail,
  listItems,
  retireItem,
  updateItem,
} from '../../store/console/catalogue';
import { ERRORS, auditOf, requireAdmin, requireConsole } from './auth';

/**
 * The catalogue is one for the network (tablets of every organisation pull it), so a
 * coordinator exports it and a network administrator imports it. Import validates the
 * whole file and changes nothing when anything is wrong; changes reach tablets through
 * the catalogue pull.
 *
 * Items are also managed one by one (create, edit with their sessions, retire, delete):
 * every change is one transaction through writeEntities, so tablets pull exactly it.
 * Who may change which item: src/server/store/console/catalogue.ts and docs/console.md.
 */
const WRITE_ERRORS = { ...ERRORS, 409: apiErrorSchema };
const exportQuery = z.strictObject({ format: z.enum(['json', 'hsds', 'tabular', 'csv']) });
// No maxLength on text: a file over the cap is answered 413 by the handler, not 400 by the schema.
const importFile = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The file's text (JSON, CSV); or base64 for a ZIP. */
  text: z.optional(z.string()),
  base64: z.optional(z.string().check(z.regex(/^[A-Za-z0-9+/=\s]*$/, 'expected base64'))),
});
const importBody = z.strictObject({
  fileName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  text: z.optional(z.string().check(z.minLength(1))),
  /** Several files: a data package's datapackage.json and CSVs, or one ZIP. */
  files: z.optional(z.array(importFile).check(z.minLength(1), z.maxLength(40))),
  /** Only say what the import would do; change nothing. */
  dryRun: z.optional(z.boolean()),
});
// JSON escaping doubles every quote, backslash and line break of the file on the wire, so the
// request may be about twice the file. Only a signed-in administrator gets this far: the
// onRequest checks run before the body is read.
const IMPORT_BODY_LIMIT = 2 * CATALOGUE_IMPORT_MAX_BYTES + 1_000_000;
export async function catalogueRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/catalogue/export',
    {
      onRequest: requireConsole,
      schema: {
        summary:
          "Console: the catalogue as HSDS 3.0 JSON (a list of compiled services), an HSDS 3.0 Tabular Data Package (ZIP) or Inloop's CSV for Excel",
        tags: ['console'],
        querystring: exportQuery,
        response: { ...ERRORS },
      },
    },
    async (request, reply) => {
      const format = request.query.format === 'hsds' ? 'json' : request.query.format;
      await auditOf(request)('export', 'catalogue', undefined, { format });
      if (format === 'tabular') {
        return reply
          .type('application/zip')
          .header('content-disposition', 'attachment; filename="catalogus-hsds.zip"')
          .send((await exportTabularZip(app.db)) as never);
      }
      const csv = format === 'csv';
      return reply
        .type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv ? 'catalogus.csv' : 'catalogus-hsds.json'}"`)
        .serializer((p: unknown) => p as string)
        .send((csv ? await exportCsv(app.db) : await exportServiceList(app.db)) as never);
    },
  );
  api.post(
    '/catalogue/import',
    {
      onRequest: [requireConsole, requireAdmin],
      bodyLimit: IMPORT_BODY_LIMIT,
      errorHandler: async (err, _request, reply) => {
        // A body beyond even the route's limit: the same clear answer as a file over the cap.
        if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(tooLarge());
        throw err;
      },
      schema: {
        summary: `Console: import a catalogue file (network administrator), at most ${CATALOGUE_IMPORT_MAX_BYTES / 1_000_000} MB (413 above; larger files through the CLI); with dryRun only the report of what it would do`,
        tags: ['console'],
        body: importBody,
        response: { 200: catalogueImportAnswerSchema, ...ERRORS, 413: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { fileName, text, files, dryRun } = request.body;
      let input: CatalogueInput;
      let name: string;
      let bytes: number;
      if (files) {
        const decoded = files.map((f) => ({
          name: f.name,
          content: f.base64 !== undefined ? new Uint8Array(Buffer.from(f.base64, 'base64')) : (f.text ?? ''),
        }));
        bytes = decoded.reduce(
          (n, f) => n + (typeof f.content === 'string' ? Buffer.byteLength(f.content, 'utf8') : f.content.byteLength),
          0,
        );
        name = decoded.length === 1 ? decoded[0]!.name : 'datapackage';
        input = decoded.length === 1 ? decoded[0]!.content : new Map(decoded.map((f) => [f.name, f.content]));
      } else if (fileName && text) {
        name = fileName;
        input = text;
        bytes = Buffer.byteLength(text, 'utf8');
      } else {
        return reply.code(400).send({ error: 'invalid_request', message: 'Send a file: fileName and text, or files.' });
      }
      if (bytes > CATALOGUE_IMPORT_MAX_BYTES) return reply.code(413).send(tooLarge(bytes));
      const outcome = await importCatalogue(app.db, name, input, { dryRun: dryRun === true });
      if (!outcome.issues.length && !outcome.dryRun) await auditOf(request)('import', 'catalogue', undefined, { ...outcome.counts });
      const { format: _format, result: _result, ...report } = outcome;
      return { ...report, ok: outcome.issues.length === 0, problems: outcome.issues.map(formatIssue) };
    },
  );

  api.get(
    '/catalogue/items',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: catalogue items by name, searched and paged',
        tags: ['console'],
        querystring: catalogueListQuerySchema,
        response: { 200: catalogueListSchema, ...ERRORS },
      },
    },
    async (request) => listItems(app.db, await editRights(app.db, request.consoleSession!.user), request.query),
  );
  api.get(
    '/catalogue/references',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: the organisations and locations an item may name',
        tags: ['console'],
        response: { 200: catalogueReferencesSchema, ...ERRORS },
      },
    },
    async (request) => catalogueReferences(app.db, await editRights(app.db, request.consoleSession!.user)),
  );
  api.get(
    '/catalogue/items/:id',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: one catalogue item with its organisation, locations and version',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: catalogueItemDetailSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const detail = await itemDetail(app.db, await editRights(app.db, request.consoleSession!.user), request.params.id);
      return detail ?? reply.code(404).send({ error: 'not_found', message: 'This item does not exist (or was deleted).' });
    },
  );
  api.post(
    '/catalogue/items',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: create a catalogue item (tablets pull it)',
        tags: ['console'],
        body: catalogueCreateSchema,
        response: { 200: catalogueWriteResultSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => edit(reply, () => createItem(app.db, { user: request.consoleSession!.user }, request.body.item)),
  );
  api.put(
    '/catalogue/items/:id',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: change a catalogue item and its sessions; 409 when it changed since baseVersion',
        tags: ['console'],
        params: idParamsSchema,
        body: catalogueUpdateSchema,
        response: { 200: catalogueWriteResultSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      edit(reply, () =>
        updateItem(app.db, { user: request.consoleSession!.user }, request.params.id, request.body.baseVersion, request.body.item),
      ),
  );
  api.post(
    '/catalogue/items/:id/retire',
    {
      onRequest: requireConsole,
      schema: {
        summary: 'Console: end a catalogue item or close it for a while (a status change)',
        tags: ['console'],
        params: idParamsSchema,
        body: catalogueRetireSchema,
        response: { 200: catalogueWriteResultSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      edit(reply, () =>
        retireItem(app.db, { user: request.consoleSession!.user }, request.params.id, request.body.baseVersion, request.body.status),
      ),
  );
  api.delete(
    '/catalogue/items/:id',
    {
      onRequest: [requireConsole, requireAdmin],
      schema: {
        summary: 'Console: delete a catalogue item (network administrator; tablets get a tombstone)',
        tags: ['console'],
        params: idParamsSchema,
        response: { 200: catalogueWriteResultSchema, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => edit(reply, () => deleteItem(app.db, { user: request.consoleSession!.user }, request.params.id)),
  );
}

/** Over the console's cap: the size when known, and the way to import it anyway. */
function tooLarge(bytes?: number): ApiError {
  // Rounded up, so a file just over the cap never reads as the cap itself.
  const size = bytes === undefined ? 'This file is' : `This file is ${(Math.ceil(bytes / 100_000) / 10).toFixed(1)} MB:`;
  return {
    error: 'too_large',
    message: `${size} larger than the ${CATALOGUE_IMPORT_MAX_BYTES / 1_000_000} MB the console imports; nothing was imported. Import it on the server with: ${CATALOGUE_IMPORT_CLI} FILE`,
  };
}

/** Runs a catalogue change; its refusals become clear 4xx answers (nothing was written: the transaction rolled back). */
async function edit<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CatalogueEditError) {
      reply.request.log.info({ code: err.code }, 'catalogue change refused');
      return reply.code(err.status).send({ error: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) }) as never;
    }
    throw err;
  }
}
