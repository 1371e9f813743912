import { readConfig } from './config';
import { openDatabase, type Database } from './store/database';
import { migrate } from './store/migrate';
import { UsageError, type Command } from './cli/command';
import { deviceCommands } from './cli/devices';
import { outboxCommands } from './cli/outbox';
import { backupCommands, restoreCommand } from './cli/backup';
import { kioskCommands } from './cli/kiosk';
import { volunteerCommands } from './cli/volunteers';
import { catalogueCommands } from './cli/catalogue';
import { userCommands } from './cli/users';
import { TLS_SETUP_USAGE, tlsSetupCommand } from './cli/tls';

/**
 * Coordinator commands: npm run inloop -- <command> [options]
 * Each feature keeps its commands in cli/<feature>.ts.
 */
const commands: Record<string, Command> = {
  ...deviceCommands,
  ...outboxCommands,
  ...backupCommands,
  ...kioskCommands,
  ...volunteerCommands,
  ...catalogueCommands,
  ...userCommands,
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  if (name === 'restore') {
    await restoreCommand(args).catch((err) => {
      console.error(`Error: ${err instanceof Error ? err.message : err}`);
      process.exitCode = 2;
    });
    return;
  }
  if (name === 'tls:setup') {
    await tlsSetupCommand(args).catch((err) => {
      console.error(
        err instanceof UsageError ? `Error: ${err.message}\n  ${TLS_SETUP_USAGE}` : `Error: ${err instanceof Error ? err.message : err}`,
      );
      process.exitCode = err instanceof UsageError ? 2 : 1;
    });
    return;
  }
  const command = name ? commands[name] : undefined;
  if (!command) {
    const usages = [
      ...Object.values(commands).map((c) => c.usage),
      'restore FILE                            restore a backup into an empty INLOOP_DATA_DIR (or the empty database of DATABASE_URL)',
      TLS_SETUP_USAGE,
    ];
    console.log('Usage: npm run inloop -- <command>\n\n' + usages.map((u) => '  ' + u).join('\n'));
    process.exit(name ? 2 : 0);
  }
  const config = readConfig();
  let db: Database | undefined;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrate(db);
    await command.run(db, args);
  } catch (err) {
    console.error(
      err instanceof UsageError ? `Error: ${err.message}\n  ${command.usage}` : err instanceof Error ? `Error: ${err.message}` : err,
    );
    process.exitCode = err instanceof UsageError ? 2 : 1;
  } finally {
    await db?.close();
  }
}

void main();
