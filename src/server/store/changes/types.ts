import type { OutboxEntryWire } from '../../../shared/sync';
import type { Queryable } from '../database';
import type { AuthenticatedDevice } from '../devices';

export type ChangeOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Applies one pushed change inside the push transaction. Returns a rejection
 * (stored and shown on the tablet) for anything wrong with the change itself;
 * throws only for failures of the server, which roll the whole batch back.
 */
export type ChangeHandler = ((tx: Queryable, device: AuthenticatedDevice, entry: OutboxEntryWire) => Promise<ChangeOutcome>) & {
  /**
   * Optional: applies a run of consecutive entries of this type at once, with the same
   * outcomes, in order, as applying them one by one (used for the bulk of a push).
   */
  applyMany?: (tx: Queryable, device: AuthenticatedDevice, entries: OutboxEntryWire[]) => Promise<ChangeOutcome[]>;
};
