import { useState } from 'preact/hooks';
import { CATALOGUE_IMPORT_CLI, CATALOGUE_IMPORT_MAX_BYTES, type CatalogueImportAnswer } from '../../../shared/catalogue-import';
import type { ConsoleSession } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { ConsoleError, errorMessage, post } from '../api';
import { CatalogueImportReportView } from './CatalogueImportReport';

const megabytes = (bytes: number, lang: string) =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / 1_000_000,
  );

/** A file name as one word for a shell, quoted only when it needs to be. */
const shellWord = (name: string) => (/^[\w.,@+-]+$/.test(name) ? name : `'${name.replaceAll("'", `'\\''`)}'`);

/** One file as the import route takes it: a ZIP as base64, anything else as its text (UTF-8 or refused). */
type Sendable = { name: string; text: string } | { name: string; base64: string };

/**
 * The file's text, or undefined when it is not UTF-8: file.text() would turn the accented
 * letters of a Windows-1252 file (Dutch Excel's plain "CSV") into "�" without a word.
 */
async function sendableOf(file: File): Promise<Sendable | undefined> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.zip$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { name: file.name, base64: btoa(binary) };
  }
  try {
    return { name: file.name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return undefined;
  }
}

/**
 * Catalogue files in the console: exports in HSDS 3.0's packagings and as a CSV for Excel, and
 * (network administrator) an import that first shows what it would change, and changes the
 * catalogue only when the administrator then applies it.
 */
export function CatalogueAdmin({ session }: { session: ConsoleSession }) {
  const { t, lang } = useT();
  const [answer, setAnswer] = useState<CatalogueImportAnswer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Checked and ready to apply: the same files go again, without dryRun.
  const [checked, setChecked] = useState<Sendable[] | null>(null);
  // A file the console will not send (or the server refused) for its size: the CLI takes it instead.
  const [oversized, setOversized] = useState<{ name: string; size: number } | null>(null);
  const [sending, setSending] = useState(false);
  const max = megabytes(CATALOGUE_IMPORT_MAX_BYTES, lang);
  const sizeOf = (files: File[]) => files.reduce((n, f) => n + f.size, 0);
  const nameOf = (files: File[]) =>
    files.length === 1 ? files[0]!.name : (files.find((f) => f.name === 'datapackage.json')?.name ?? files[0]!.name);

  const choose = (e: Event) => {
    const files = [...((e.currentTarget as HTMLInputElement).files ?? [])];
    setAnswer(null);
    setFailure(null);
    setChecked(null);
    setOversized(files.length && sizeOf(files) > CATALOGUE_IMPORT_MAX_BYTES ? { name: nameOf(files), size: sizeOf(files) } : null);
  };

  const send = async (files: Sendable[], dryRun: boolean, shownName: string, size: number) => {
    setSending(true);
    try {
      const result = await post<CatalogueImportAnswer>('/catalogue/import', { files, dryRun });
      setAnswer(result);
      setChecked(dryRun && result.ok ? files : null);
    } catch (err) {
      if (err instanceof ConsoleError && err.status === 413) setOversized({ name: shownName, size });
      else setFailure(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const check = async (e: Event) => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('file') as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (!files.length) return;
    if (sizeOf(files) > CATALOGUE_IMPORT_MAX_BYTES) {
      setOversized({ name: nameOf(files), size: sizeOf(files) });
      return;
    }
    const sendable: Sendable[] = [];
    for (const file of files) {
      const s = await sendableOf(file);
      if (!s) {
        setAnswer(null);
        setFailure(t('console.catalogue.notUtf8', { name: file.name }));
        return;
      }
      sendable.push(s);
    }
    await send(sendable, true, nameOf(files), sizeOf(files));
  };

  return (
    <section aria-labelledby="cat-title">
      <h2 id="cat-title">{t('console.catalogue.files')}</h2>
      <p>
        {t('console.catalogue.export')}: <a href="/api/console/catalogue/export?format=json">{t('console.catalogue.exportJson')}</a> ·{' '}
        <a href="/api/console/catalogue/export?format=tabular">{t('console.catalogue.exportPackage')}</a> ·{' '}
        <a href="/api/console/catalogue/export?format=csv">{t('console.catalogue.exportCsv')}</a>
      </p>
      {session.user.role === 'admin' ? (
        <form onSubmit={check} class="console-filters">
          <label>
            {t('console.catalogue.file')}
            <input
              type="file"
              name="file"
              multiple
              accept=".json,.csv,.txt,.zip"
              required
              aria-describedby="cat-file-limit"
              onChange={choose}
            />
          </label>
          <button type="submit" disabled={sending || oversized !== null}>
            {sending && !checked ? t('console.catalogue.checking') : t('console.catalogue.check')}
          </button>
          <p id="cat-file-limit" class="hint">
            {t('console.catalogue.limit', { max })}
          </p>
        </form>
      ) : (
        <p>{t('console.catalogue.adminOnly')}</p>
      )}
      {oversized ? (
        <div role="alert" class="form-error">
          <p>
            {oversized.size > CATALOGUE_IMPORT_MAX_BYTES
              ? t('console.catalogue.tooLarge', {
                  name: oversized.name,
                  size: megabytes(Math.ceil(oversized.size / 100_000) * 100_000, lang),
                  max,
                })
              : t('console.catalogue.refusedTooLarge', { name: oversized.name, max })}
          </p>
          <p>
            {t('console.catalogue.useCli')} <code>{`${CATALOGUE_IMPORT_CLI} ${shellWord(oversized.name)}`}</code>
          </p>
        </div>
      ) : null}
      {failure ? (
        <div role="status">
          <p>{t('console.catalogue.refused')}</p>
          <ul>
            <li>{failure}</li>
          </ul>
        </div>
      ) : null}
      {answer ? <CatalogueImportReportView answer={answer} /> : null}
      {checked && answer?.dryRun ? (
        <p>
          <button type="button" class="primary" disabled={sending} onClick={() => void send(checked, false, checked[0]!.name, 0)}>
            {sending ? t('console.catalogue.importing') : t('console.catalogue.apply')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
