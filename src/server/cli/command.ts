import type { Database } from '../store/database';

/** A coordinator command: npm run inloop -- <name> [args]. */
export interface Command {
  usage: string;
  run: (db: Database, args: string[]) => Promise<void>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
