import { useStore } from '../state/use-store';
import { volunteerSession, type SignedInVolunteer } from './session';

/** The signed-in volunteer, re-rendering on sign-in and lock; undefined while the tablet is locked. */
export function useCurrentVolunteer(): SignedInVolunteer | undefined {
  return useStore(volunteerSession, (s) => s.volunteer);
}

/** For visit.volunteerId: the signed-in volunteer's id, or null. */
export function useCurrentVolunteerId(): string | null {
  return useStore(volunteerSession, (s) => s.volunteer?.id ?? null);
}
