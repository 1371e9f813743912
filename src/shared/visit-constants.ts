/**
 * A visit's plain limits and choices, without zod: what the desk's record form and
 * visit list need at first load. The schemas are in visit.ts and visit-edits.ts,
 * which re-export these; the tablet loads them when it saves.
 */

export const MAX_NOTE_LENGTH = 500;
/** A visit longer than a working day is a forgotten timer, not a visit. */
export const MAX_DURATION_SECONDS = 8 * 60 * 60;

/** Why a visit is voided (visit.void@1). */
export const VOID_REASONS = ['duplicate', 'mistake', 'test', 'other'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];
