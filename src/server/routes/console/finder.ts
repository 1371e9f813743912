import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { finderBrandingUpdateSchema, finderSettingsListSchema, LOGO_MAX_BYTES } from '../../../shared/finder';
import { idParamsSchema } from '../../../shared/console';
import type { ApiError } from '../../../shared/sync';
import { slugify } from '../../finder/slug';
import { finderOrganisations, saveFinderBranding } from '../../store/finder';
import { inScope } from '../../store/console/scope';
import { ERRORS, auditOf, requireConsole } from './auth';
import { publicBase } from './public-links';

/** A logo's first bytes must say what its type says, so no other file is served as an image. */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** The public finder's look and embedding sites per organisation (docs/finder.md). */
export async function finderSettingsRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const list = async (request: { scope?: string[] | null } & Parameters<typeof publicBase>[0]) => {
    const scope = request.scope ?? null;
    const base = publicBase(request);
    return {
      organisations: (await finderOrganisations(app.db))
        .filter((o) => scope === null || scope.includes(o.id))
        .map((o) => ({
          id: o.id,
          name: o.name,
          address: `${base}/aanbod/${slugify(o.name)}`,
          colour: o.colour,
          frameAncestors: o.frameAncestors,
          hasLogo: o.hasLogo,
        })),
    };
  };

  api.get(
    '/finder',
    {
      onRequest: requireConsole,
      schema: {
        summary: "Console: each organisation's public finder address, colour, logo and the sites that may embed it",
        tags: ['console'],
        response: { 200: finderSettingsListSchema, ...ERRORS },
      },
    },
    async (request) => list(request),
  );

  api.put(
    '/finder/:id',
    {
      onRequest: requireConsole,
      bodyLimit: 512 * 1024,
      schema: {
        summary: "Console: set an organisation's finder colour, logo and embedding sites (CSP frame-ancestors)",
        tags: ['console'],
        params: idParamsSchema,
        body: finderBrandingUpdateSchema,
        response: { 200: finderSettingsListSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      if (!(await inScope(app.db, request.scope!, 'organisation', request.params.id))) {
        return reply.code(404).send({ error: 'not_found', message: 'Not found.' } satisfies ApiError);
      }
      const body = request.body;
      let logo: { data: Buffer; type: string } | null | undefined;
      if (body.logo) {
        const data = Buffer.from(body.logo.base64, 'base64');
        if (data.length > LOGO_MAX_BYTES || !MAGIC[body.logo.type]!(data)) {
          return reply.code(400).send({
            error: 'invalid_request',
            message: `The logo must be a ${body.logo.type} file of at most ${LOGO_MAX_BYTES / 1000} KB.`,
          } satisfies ApiError);
        }
        logo = { data, type: body.logo.type };
      } else logo = body.logo; // null removes, undefined keeps
      const frameAncestors = [...new Set(body.frameAncestors.map((o) => o.toLowerCase()))];
      await saveFinderBranding(app.db, request.params.id, { colour: body.colour, frameAncestors, ...(logo !== undefined ? { logo } : {}) });
      await auditOf(request)('update', 'finder_settings', request.params.id, {
        colour: body.colour,
        frameAncestors,
        logo: logo === undefined ? 'kept' : logo ? 'new' : 'removed',
      });
      return list(request);
    },
  );
}
