import type { FastifyPluginAsync } from 'fastify';
import { accountRoutes } from './accounts';
import { auditLogRoutes } from './audit-log';
import { authRoutes } from './auth';
import { catalogueRoutes } from './catalogue';
import { deviceRoutes } from './devices';
import { finderSettingsRoutes } from './finder';
import { kioskInboxRoutes } from './kiosk-inbox';
import { referralRoutes } from './referrals';
import { impactRoutes } from './impact';
import { courseRoutes } from './courses';
import { rejectedEntryRoutes } from './rejected-entries';
import { reportRoutes } from './reports';
import { visitRoutes } from './visits';
import { volunteerRoutes } from './volunteers';

/**
 * The coordinator console's API under /api/console: a session cookie and CSRF token
 * (auth.ts), every query scoped to the user's organisation(s); one file per section of the
 * console (volunteers.ts adds a volunteer, accounts.ts a console account). See docs/console.md.
 */
export const consoleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(
    async (console) => {
      await authRoutes(console);
      await visitRoutes(console);
      await reportRoutes(console);
      await deviceRoutes(console);
      await volunteerRoutes(console);
      await accountRoutes(console);
      await auditLogRoutes(console);
      await kioskInboxRoutes(console);
      await catalogueRoutes(console);
      await rejectedEntryRoutes(console);
      await finderSettingsRoutes(console);
      await referralRoutes(console);
      await impactRoutes(console);
      await courseRoutes(console);
    },
    { prefix: '/console' },
  );
};
