import { readConfig } from './config';
import { openDatabase, type Database } from './store/database';
import { migrate } from './store/migrate';
import { UsageError, type Command } from './cli/command';
import { deviceCommands } from './cli/devices';

/**
 * Coordinator commands: npm run inloop -- <command> [options]
 * Each feature keeps its commands in cli/<feature>.ts.
 */
const commands: Record<string, Command> = {
  ...deviceCommands,
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log('Usage: npm run inloop -- <command>\n\n' + Object.values(commands).map((c) => '  ' + c.usage).join('\n'));
    process.exit(name ? 2 : 0);
  }
  const config = readConfig();
  let db: Database | undefined;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrate(db);
    await command.run(db, args);
  } catch (err) {
    console.error(err instanceof UsageError ? `Error: ${err.message}\n  ${command.usage}` : err instanceof Error ? `Error: ${err.message}` : err);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  } finally {
    await db?.close();
  }
}

void main();
