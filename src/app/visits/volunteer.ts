import { useCurrentVolunteerId } from '../volunteers/use-volunteer';

/** The signed-in volunteer's id for new records (visit.volunteerId), or null while nobody is signed in. */
export function useVolunteerId(): string | null {
  return useCurrentVolunteerId();
}
