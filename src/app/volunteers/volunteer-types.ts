import type { DeskVolunteer } from '../../shared/volunteers';

/** A volunteer of this tablet's location, as pulled from the server (PIN hash only). */
export interface LocalVolunteer extends DeskVolunteer {
  locationId: string;
}

/** Wrong PINs per volunteer, kept in IndexedDB so a reload does not reset the wait. */
export interface PinAttempts {
  volunteerId: string;
  /** Wrong PINs in a row since the last right one. */
  failures: number;
  /** Epoch ms before which no PIN is checked for this volunteer. */
  lockedUntil: number;
}
