import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth';
import { catalogueRoutes } from './catalogue';
import { finderSettingsRoutes } from './finder';
import { impactRoutes } from './impact';
import { networkRoutes } from './network';
import { rejectedEntryRoutes } from './rejected-entries';
import { reportRoutes } from './reports';
import { visitRoutes } from './visits';

/**
 * The coordinator console's API under /api/console: a session cookie and CSRF token
 * (auth.ts), every query scoped to the user's organisation(s). See docs/console.md.
 */
export const consoleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(
    async (console) => {
      await authRoutes(console);
      await visitRoutes(console);
      await reportRoutes(console);
      await networkRoutes(console);
      await catalogueRoutes(console);
      await rejectedEntryRoutes(console);
      await finderSettingsRoutes(console);
      await impactRoutes(console);
    },
    { prefix: '/console' },
  );
};
