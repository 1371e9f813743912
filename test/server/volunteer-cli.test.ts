import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite, type Database } from '../../src/server/store/database';
import { migrate } from '../../src/server/store/migrate';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { volunteerCommands } from '../../src/server/cli/volunteers';
import { UsageError } from '../../src/server/cli/command';
import { deskVolunteers, getPinHash, pinMatches } from '../../src/server/store/volunteers';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';

let db: Database;
let out: string[];
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemoIfEmpty(db);
});
afterAll(async () => db.close());
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function run(name: string, ...args: string[]): Promise<string> {
  out = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  await volunteerCommands[name]!.run(db, args);
  return out.join('\n');
}

describe('the coordinator’s volunteer commands', () => {
  it('add a volunteer to a location by name, change the PIN, list and deactivate', async () => {
    const added = await run('volunteer:add', '--location', 'noord', '--name', 'Fleur W.', '--pin', '2468');
    const id = /: ([0-9a-f-]{36})$/m.exec(added)![1]!;
    expect(added).toContain('Added Fleur W. at Bibliotheek Voorbeeldstad (demo) / Wijkbibliotheek Noord (demo)');
    expect((await deskVolunteers(db, DEMO_LOCATIONS[1].id)).map((v) => v.displayName)).toEqual(['Fleur W.']);

    expect(await run('volunteer:pin', id, '--pin', '13579')).toContain('PIN changed');
    expect(await pinMatches('13579', (await getPinHash(db, id))!)).toBe(true);

    expect(await run('volunteers', '--location', 'Noord')).toBe(`${id}  Wijkbibliotheek Noord (demo) / Fleur W.`);
    expect(await run('volunteer:deactivate', id)).toContain('Deactivated');
    expect(await run('volunteers', '--location', 'Noord')).toContain('(deactivated)');
    expect(await run('volunteers', '--location', 'Noord', '--active')).toBe('No active volunteers.');
    expect(await run('volunteer:deactivate', id)).toBe('No active volunteer with that id.');
    expect(process.exitCode).toBe(1);
  });

  it('explain what is wrong with a call', async () => {
    await expect(run('volunteer:add', '--location', 'noord', '--name', 'Kees P.', '--pin', '1234')).rejects.toThrow(
      new UsageError('this PIN is too easy to guess (same digit, a run like 1234, or a repeated pair); choose another'),
    );
    await expect(run('volunteer:add', '--location', 'noord', '--name', 'Kees P.', '--pin', '12')).rejects.toThrow('a PIN is 4 to 8 digits');
    await expect(run('volunteer:add', '--location', 'nergens', '--name', 'Kees P.', '--pin', '2580')).rejects.toThrow(
      'no location matches "nergens"',
    );
    await expect(run('volunteer:add', '--location', 'noord', '--pin', '2580')).rejects.toThrow('--name is required');
    await expect(run('volunteer:pin', 'not-an-id', '--pin', '2580')).rejects.toBeInstanceOf(UsageError);
    await expect(run('volunteer:deactivate')).rejects.toBeInstanceOf(UsageError);
  });
});
