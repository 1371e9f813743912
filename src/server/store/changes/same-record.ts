/**
 * A create change for a record id this tablet already sent, under a new sequence number.
 * Sent again exactly as stored, it is a harmless repeat and counts as applied (the record it
 * describes is there). With other content it is refused: storing nothing while answering
 * "applied" would drop the change silently, and overwriting would bypass the corrections'
 * version check. Changes to a stored record travel as their own change types (visit.update@1).
 */
export function changedRecordReason(what: string): string {
  return `${what} with this id was already received from this tablet with other content; a change to a stored record is sent as a correction, not as a new record`;
}

/** Two payloads are the same record when their canonical JSON matches (jsonb keeps no key order). */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
