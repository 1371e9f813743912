/**
 * The kiosk's plain values, without zod: what a kiosk's first screen needs (the tiles,
 * the settings' defaults). The schemas are in kiosk.ts, which re-exports this.
 */

/** The start screen's picture tiles, in the order shown. */
export const KIOSK_TOPICS = ['digid', 'taxes', 'computer', 'dutch', 'basic_skills', 'health', 'money', 'work'] as const;
export type KioskTopic = (typeof KIOSK_TOPICS)[number];
/** A help request is about one of the tiles, or about something else. */
export const HELP_TOPICS = [...KIOSK_TOPICS, 'other'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export const DEFAULT_IDLE_SECONDS = 90;
export const DEFAULT_INTEREST_RETENTION_DAYS = 30;
