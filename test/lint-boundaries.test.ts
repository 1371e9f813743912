import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/**
 * The code's boundaries are rules in eslint.config.js, and `npm test` lints the tree
 * (npm run lint). This proves each rule reports a violation where it is written, so a
 * config change that silently drops one fails here.
 */
const eslint = new ESLint();

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the lint keeps the code apart', () => {
  it.each([
    ['src/app/kiosk/x.ts', "import { x } from '../../server/store/visits';", 'never import the server'],
    ['src/app/kiosk/x.ts', "import { readFileSync } from 'node:fs';", 'no Node modules'],
    ['src/server/routes/x.ts', "import { x } from '../../app/kiosk/forms';", 'never import the app'],
    ['src/shared/x.ts', "import { x } from '../server/app';", 'never import the server'],
    ['src/shared/x.ts', "import { x } from '../app/services';", 'never import the app'],
    ['src/shared/x.ts', "import { createHash } from 'node:crypto';", 'no Node modules'],
  ])('refuses in %s: %s', async (file, source, reason) => {
    const errors = await importErrors(file, `${source}\nexport {};\n`);
    expect(errors.join('\n')).toContain(reason);
  });

  it.each([
    ['src/app/db/x.ts', "import { x } from '../kiosk/forms';"],
    ['src/app/db/x.ts', "import { db } from '../services';"],
    ['src/app/sync/x.ts', "import { x } from '../help/pull-help-requests';"],
    ['src/app/sync/x.ts', "import { x } from '../desk/SyncStatusBar';"],
    ['src/app/sync/x.ts', "import { db } from '../services';"],
  ])('keeps the tablet database and the sync core free of features: %s %s', async (file, source) => {
    const errors = await importErrors(file, `${source}\nexport {};\n`);
    expect(errors.join('\n')).toContain('knows no feature');
  });

  it('lets db/ use the shared contract and sync/ use db/ and the shared contract', async () => {
    expect(
      await importErrors('src/app/db/x.ts', "import { z } from '../../shared/zod';\nimport { y } from './database';\nexport { y, z };\n"),
    ).toEqual([]);
    expect(
      await importErrors(
        'src/app/sync/x.ts',
        "import { z } from '../../shared/zod';\nimport { y } from '../db/outbox';\nexport { y, z };\n",
      ),
    ).toEqual([]);
  });

  it('refuses a component in the tablet database or the sync core', async () => {
    const errors = await importErrors('src/app/sync/Status.tsx', 'export function Status() {\n  return <p>ok</p>;\n}\n');
    expect(errors.join('\n')).toContain('hold no components');
  });
});
