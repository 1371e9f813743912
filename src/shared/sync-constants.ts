/**
 * The sync protocol's plain values (docs/sync-protocol.md), without zod: what a tablet's
 * first load needs (headers, batch size, enrolment codes). The schemas are in sync.ts,
 * which re-exports all of this; the tablet loads them only when it talks to the server.
 */

/**
 * The protocol this build speaks. 2: pull cursors carry the database's epoch (protocol 1
 * clients still get cursors without one).
 */
export const PROTOCOL_VERSION = 2;
/** The oldest client protocol the server still accepts; older clients are told to update. */
export const MIN_PROTOCOL_VERSION = 1;
/** Header every sync call carries with the client's protocol version. */
export const PROTOCOL_HEADER = 'inloop-protocol';
/**
 * The header's value: exactly a decimal integer, digits only (no sign, no leading zero,
 * no decimals, no spaces inside), at most 9 digits. "1.0", "+1", "01" and "1 " are refused.
 */
export const PROTOCOL_HEADER_PATTERN = /^(0|[1-9][0-9]{0,8})$/;

/** Most entries a single push may carry; the client sends smaller batches. */
export const MAX_PUSH_ENTRIES = 500;
export const PUSH_BATCH_SIZE = 100;

export const DEVICE_KINDS = ['desk', 'kiosk'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Enrolment codes: 8 letters and digits without look-alikes, shown as ABCD-EFGH. */
export const ENROLMENT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
