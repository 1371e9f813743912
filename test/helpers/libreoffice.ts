import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * LibreOffice Calc from Debian, headless, as a second and independent reader of the files
 * Inloop writes: it opens a file as a person's spreadsheet program would and saves it as CSV.
 * Dutch settings (language 1043: decimal comma), UTF-8, ';' between cells.
 */

const run = promisify(execFile);
const SOFFICE = process.env.SOFFICE_PATH ?? ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
/** Field separator ';' (59), text in '"' (34), UTF-8 (76), from line 1, default columns, Dutch (1043). */
const CSV_OPTIONS = '59,34,76,1,,1043';

function soffice(): string {
  if (!SOFFICE) {
    throw new Error(
      'These tests read files with LibreOffice Calc, which is not installed: run `apt-get install -y libreoffice-calc-nogui` (Debian; .ci/run does it), or set SOFFICE_PATH.',
    );
  }
  return SOFFICE;
}

/** The file (bytes, named with its extension) opened in LibreOffice and saved as CSV: the CSV's text. */
export async function libreOfficeToCsv(name: string, bytes: Uint8Array | string, opts: { csvInput?: boolean } = {}): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'inloop-lo-'));
  try {
    const input = path.join(dir, name);
    writeFileSync(input, bytes);
    const out = path.join(dir, 'out');
    // Its own profile per run: two conversions at once (another worktree, another test) do not share one.
    await run(
      soffice(),
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        ...(opts.csvInput ? [`--infilter=CSV:${CSV_OPTIONS}`] : []),
        '--convert-to',
        `csv:Text - txt - csv (StarCalc):${CSV_OPTIONS}`,
        '--outdir',
        out,
        input,
      ],
      { timeout: 120_000 },
    );
    const written = readdirSync(out);
    if (written.length !== 1) throw new Error(`LibreOffice wrote ${written.length} files for ${name}`);
    return readFileSync(path.join(out, written[0]!), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
