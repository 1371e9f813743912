import { pullCatalogue } from './catalogue/catalogue-pull';
import { InloopDatabase } from './db/database';
import { pullHelpRequests } from './help/pull-help-requests';
import { pullKioskSettings } from './kiosk/kiosk-sync';
import { pullLocationProfile } from './location/location-profile';
import { createServerApi, type ServerApi } from './sync/api';
import { SyncEngine, type PullStep } from './sync/engine';
import { pullVolunteers } from './volunteers/volunteer-sync';
import { pullFollowUps } from './referrals/follow-up-sync';
import { pullCourseRuns } from './courses/course-pull';

/**
 * What each sync round pulls after pushing the outbox, in this order. A feature that
 * brings something new to the tablets adds its step here.
 */
export function pullSteps(api: ServerApi): PullStep[] {
  return [
    { name: 'catalogue', kinds: ['desk', 'kiosk'], pull: (db, device) => pullCatalogue(db, api, device.token) },
    { name: 'volunteers', kinds: ['desk'], pull: (db, device) => pullVolunteers(db, device.token) },
    // The kiosks' help requests for the desks of their location (also between rounds: help/watch-help-requests.ts).
    { name: 'help requests', kinds: ['desk'], pull: (db, device) => pullHelpRequests(db, device.token) },
    // The follow-up appointments of the location, from every desk there.
    { name: 'follow-ups', kinds: ['desk'], pull: (db, device) => pullFollowUps(db, device.token) },
    { name: 'kiosk settings', kinds: ['kiosk'], pull: (db, device) => pullKioskSettings(db, device.token) },
    // The municipalities the location serves: the visit form's and the kiosk survey's choices.
    { name: 'location', kinds: ['desk', 'kiosk'], pull: (db, device) => pullLocationProfile(db, device.token) },
    // The open course runs of the location, with their participants (code loaded with the desk's screens).
    { name: 'course runs', kinds: ['desk'], pull: (db, device) => pullCourseRuns(db, device.token) },
  ];
}

/** The app's single database, server API and sync engine. */
export const db = new InloopDatabase();
export const api = createServerApi();
export const syncEngine = new SyncEngine(db, api, pullSteps(api));
