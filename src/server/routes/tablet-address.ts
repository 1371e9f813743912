import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from '../../shared/zod';

/**
 * GET /api/tablet-address: the https address tablets must use. A tablet opened on an
 * address without HTTPS (http://bieb-box:8080) cannot work offline; its "cannot work
 * here" screen asks this to show the right address instead of a guess.
 */
export const tabletAddressRoutes: FastifyPluginAsync<{ tabletUrl: () => string | undefined }> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/tablet-address',
    {
      schema: {
        summary: 'The https address tablets must open (null when this server has none configured)',
        operationId: 'getTabletAddress',
        response: { 200: z.object({ url: z.nullable(z.string()), certificatePage: z.nullable(z.string()) }) },
      },
    },
    async () => {
      const url = opts.tabletUrl() ?? null;
      return { url, certificatePage: url ? new URL('/certificaat', url).toString() : null };
    },
  );
};
