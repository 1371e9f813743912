import { useEffect, useRef, useState } from 'preact/hooks';
import type { CatalogueItemDetail, CatalogueReferences, CatalogueWriteResult, ConsoleSession } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../shell/router';
import { ConsoleError, get, request } from '../api';
import { fromItem, newDraft, validate, type Draft, type Errors } from './draft';
import { ItemForm, fieldId, type EditorStatus } from './ItemForm';

/** A message to show after the editor reopened under a new address (a created item). */
let carried: EditorStatus | null = null;

interface Loaded {
  draft: Draft;
  version: number | null;
  editable: boolean;
  deletable: boolean;
}

/**
 * The item editor's data (#/catalogue/new-course, #/catalogue/new-service, #/catalogue/<id>):
 * loads the references and the item, keeps the draft, and creates, saves, ends or closes,
 * and deletes it. The form: ItemForm.tsx; the draft's rules: draft.ts. Routes:
 * src/server/routes/console/catalogue.ts.
 */
export function ItemEditor({ session, target }: { session: ConsoleSession; target: string }) {
  const { t } = useT();
  const [refs, setRefs] = useState<CatalogueReferences | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<EditorStatus | null>(() => {
    const message = carried;
    carried = null;
    return message;
  });
  const [busy, setBusy] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    const references = await get<CatalogueReferences>('/catalogue/references');
    setRefs(references);
    if (target === 'new-course' || target === 'new-service') {
      const ownOrg =
        references.organizations.find((o) => o.id === session.user.organisationId) ?? references.organizations.find((o) => o.editable);
      const branches = references.locations.filter((l) => l.ownBranch).map((l) => l.id);
      const d = newDraft(target === 'new-course' ? 'course' : 'service', ownOrg?.id ?? '', branches.slice(0, 1));
      setLoaded({ draft: d, version: null, editable: true, deletable: false });
      setDraft(d);
      return;
    }
    const detail = await get<CatalogueItemDetail>(`/catalogue/items/${target}`);
    const d = fromItem(detail.item);
    setLoaded({ draft: d, version: detail.version, editable: detail.editable, deletable: detail.deletable });
    setDraft(d);
  };
  useEffect(() => {
    load().catch((err) => setStatus({ kind: 'error', text: err instanceof ConsoleError ? err.message : t('console.offline') }));
  }, [target]);
  useEffect(() => (status ? statusRef.current : headingRef.current)?.focus(), [loaded === null]);

  const announce = (kind: 'ok' | 'error', text: string) => {
    setStatus({ kind, text });
    setTimeout(() => statusRef.current?.focus(), 0);
  };

  if (!draft || !loaded) {
    return status?.kind === 'error' ? (
      <p role="alert" class="form-error">
        {status.text}
      </p>
    ) : (
      <p>{t('console.loading')}</p>
    );
  }
  const set = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (Object.keys(errors).length) setErrors(validate(next, refs, t).errors);
  };
  const check = validate(draft, refs, t);
  const isNew = loaded.version === null;

  const save = async (e: Event) => {
    e.preventDefault();
    const result = validate(draft, refs, t);
    setErrors(result.errors);
    if (!result.item) {
      announce('error', t('console.cat.fixErrors', { count: Object.keys(result.errors).length }));
      const first = Object.keys(result.errors)[0]!;
      setTimeout(
        () => (document.getElementById(fieldId(first)) ?? document.querySelector<HTMLElement>(`[id^="${fieldId(first)}"]`))?.focus(),
        0,
      );
      return;
    }
    setBusy(true);
    try {
      const saved = isNew
        ? await request<CatalogueWriteResult>('POST', '/catalogue/items', { item: result.item })
        : await request<CatalogueWriteResult>('PUT', `/catalogue/items/${draft.id}`, { baseVersion: loaded.version, item: result.item });
      setLoaded({ ...loaded, draft, version: saved.version });
      announce('ok', t('console.cat.saved'));
      if (isNew) {
        // The address names the item from now on: the editor opens it anew and shows the message.
        carried = { kind: 'ok', text: t('console.cat.saved') };
        navigate(`/catalogue/${saved.id}`);
      }
    } catch (err) {
      announce('error', failure(err, t));
    } finally {
      setBusy(false);
    }
  };
  const retire = async (to: 'ended' | 'temporarily_closed') => {
    setBusy(true);
    try {
      const saved = await request<CatalogueWriteResult>('POST', `/catalogue/items/${draft.id}/retire`, {
        baseVersion: loaded.version,
        status: to,
      });
      const next = { ...loaded.draft, status: to };
      setLoaded({ ...loaded, draft: next, version: saved.version });
      setDraft({ ...draft, status: to });
      announce('ok', t(`console.cat.retired.${to}`));
    } catch (err) {
      announce('error', failure(err, t));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await request('DELETE', `/catalogue/items/${draft.id}`);
      navigate('/catalogue');
    } catch (err) {
      announce('error', failure(err, t));
      setBusy(false);
    }
  };

  return (
    <ItemForm
      session={session}
      draft={draft}
      refs={refs}
      errors={errors}
      preview={check.item}
      savedStatus={loaded.draft.status}
      isNew={isNew}
      readOnly={!loaded.editable}
      deletable={loaded.deletable}
      busy={busy}
      status={status}
      statusRef={statusRef}
      headingRef={headingRef}
      onChange={set}
      onSave={(e) => void save(e)}
      onRetire={retire}
      onRemove={remove}
    />
  );
}

/** A refused change in plain words: someone else changed it meanwhile, not allowed, or the server's reason. */
function failure(err: unknown, t: (k: string) => string): string {
  if (err instanceof ConsoleError) {
    if (err.status === 409 && err.code === 'stale') return t('console.cat.stale');
    if (err.status === 403) return t('console.cat.forbidden');
    return err.message;
  }
  return t('console.offline');
}
