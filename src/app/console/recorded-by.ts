import type { DeviceList, VolunteerList } from '../../shared/console';
import { get } from './api';

/**
 * Who recorded a visit, as the visit log's filter offers it: the desk tablets and the
 * volunteers of the coordinator's own locations (the server lists only those).
 */

export interface DeskChoice {
  id: string;
  name: string | null;
  locationName: string;
  enrolledAt: string;
  revoked: boolean;
}

export interface VolunteerChoice {
  id: string;
  displayName: string;
  locationName: string;
  active: boolean;
}

/** Kiosks never record a visit, so only desks are worth filtering on. */
export async function deskChoices(): Promise<DeskChoice[]> {
  const { devices } = await get<DeviceList>('/devices');
  return devices
    .filter((d) => d.kind === 'desk')
    .map((d) => ({ id: d.id, name: d.name, locationName: d.locationName, enrolledAt: d.enrolledAt, revoked: d.revokedAt !== null }));
}

/** Deactivated volunteers too: their visits stay in the log. */
export async function volunteerChoices(): Promise<VolunteerChoice[]> {
  const { volunteers } = await get<VolunteerList>('/volunteers');
  return volunteers;
}

/** Choices grouped under their location, in the order the server sent them. */
export function byLocation<T extends { locationName: string }>(choices: T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const c of choices) groups.set(c.locationName, [...(groups.get(c.locationName) ?? []), c]);
  return [...groups];
}
