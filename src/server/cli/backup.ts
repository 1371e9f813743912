import { readConfig } from '../config';
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from '../store/backup';
import { UsageError, type Command } from './command';

export const backupCommands: Record<string, Command> = {
  backup: {
    usage: 'backup FILE                             consistent copy of the database (PGlite snapshot, or pg_dump with DATABASE_URL)',
    async run(db, args) {
      if (!args[0]) throw new UsageError('a file to write is required');
      const config = readConfig();
      if (config.databaseUrl) {
        await backupPostgres(config.databaseUrl, args[0]);
        console.log(
          `PostgreSQL backup written to ${args[0]} (restore: DATABASE_URL=<empty database> npm run inloop -- restore ${args[0]}).`,
        );
      } else {
        const bytes = await backupPglite(db, args[0]);
        console.log(`Backup of ${config.dataDir} written to ${args[0]} (${bytes} bytes).`);
        console.log(`Restore: INLOOP_DATA_DIR=<new empty directory> npm run inloop -- restore ${args[0]}`);
      }
    },
  },
};

/** Restore runs before a database is opened (it creates one), so the CLI calls it directly. */
export async function restoreCommand(args: string[]): Promise<void> {
  const config = readConfig();
  if (!args[0]) throw new UsageError('a backup file is required');
  // Both renew the database's epoch, so tablets that pulled from it before get a fresh catalogue.
  if (config.databaseUrl) {
    await restorePostgres(config.databaseUrl, args[0]);
    console.log(
      `Restored ${args[0]} into the PostgreSQL database of DATABASE_URL. Tablets download the catalogue afresh at their next sync.`,
    );
    return;
  }
  await restorePglite(args[0], config.dataDir);
  console.log(
    `Restored ${args[0]} into ${config.dataDir}. Start the server with INLOOP_DATA_DIR=${config.dataDir}; tablets download the catalogue afresh at their next sync.`,
  );
}
