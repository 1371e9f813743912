import { useEffect, useRef, useState } from 'preact/hooks';
import { AUDIENCES, BRING, FORMATS, LEVELS, SIGN_UP_METHODS, STATUSES, THEMES, catalogueItemSchema, type CatalogueItem } from '../../shared/catalogue';
import { itemReferenceIssues, type CatalogueListPage, type CatalogueReferences, type ConsoleSession } from '../../shared/console';
import { LANGUAGES, type Language } from '../../shared/i18n-text';
import { uuidv7 } from '../../shared/ids';
import { useT } from '../i18n/i18n';
import { navigate } from '../shell/router';
import { ConsoleError, get, query, request } from './api';
import { KioskPreview } from './KioskPreview';
import { LANGUAGE_ENDONYMS, LIBRARY_TIME_ZONE, formatLibraryDate, weekdayName } from '../i18n/format';
import { CatalogueAdmin } from './CatalogueFiles';

/**
 * Catalogue management: the list with search (#/catalogue), the item editor with a kiosk
 * preview (#/catalogue/new-course, #/catalogue/new-service, #/catalogue/<id>), and the
 * file import and export below the list. The form validates with the same shared schema
 * as the server; the server checks again and decides who may change what.
 */
export function CatalogueScreen({ session, route }: { session: ConsoleSession; route: string }) {
  const target = route.split('/')[2];
  if (target) return <ItemEditor key={target} session={session} target={target} />;
  return (
    <>
      <CatalogueList />
      <CatalogueAdmin session={session} />
    </>
  );
}

function CatalogueList() {
  const { t, lang } = useT();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [theme, setTheme] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<CatalogueListPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    // Typing sends a request per key: only the answer to the latest one is shown.
    const mine = ++latest.current;
    get<CatalogueListPage>(`/catalogue/items?${query({ q: q.trim() || undefined, kind: kind || undefined, status: status || undefined, theme: theme || undefined, offset: offset ? String(offset) : undefined, limit: '50' })}`)
      .then((p) => {
        if (mine !== latest.current) return;
        setPage(p);
        setError(null);
      })
      .catch((err) => setError(err instanceof ConsoleError ? err.message : t('console.offline')));
  }, [q, kind, status, theme, offset]);
  return (
    <section aria-labelledby="items-title">
      <h1 id="items-title">{t('console.cat.title')}</h1>
      <p class="cat-actions">
        <a class="button primary" href="#/catalogue/new-course">
          {t('console.cat.newCourse')}
        </a>
        <a class="button" href="#/catalogue/new-service">
          {t('console.cat.newService')}
        </a>
      </p>
      <form class="console-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('console.cat.search')}
          <input type="search" value={q} onInput={(e) => { setQ(e.currentTarget.value); setOffset(0); }} />
        </label>
        <label>
          {t('console.cat.field.kind')}
          <select value={kind} onChange={(e) => { setKind(e.currentTarget.value); setOffset(0); }}>
            <option value="">{t('console.cat.all')}</option>
            <option value="course">{t('console.cat.kinds.course')}</option>
            <option value="service">{t('console.cat.kinds.service')}</option>
          </select>
        </label>
        <label>
          {t('console.cat.field.status')}
          <select value={status} onChange={(e) => { setStatus(e.currentTarget.value); setOffset(0); }}>
            <option value="">{t('console.cat.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{t(`console.cat.statuses.${s}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('console.cat.field.themes')}
          <select value={theme} onChange={(e) => { setTheme(e.currentTarget.value); setOffset(0); }}>
            <option value="">{t('console.cat.all')}</option>
            {THEMES.map((th) => (
              <option key={th} value={th}>{t(`console.cat.themes.${th}`)}</option>
            ))}
          </select>
        </label>
      </form>
      {error ? <p role="alert" class="form-error">{error}</p> : null}
      {page ? (
        <>
          <p role="status">{t('console.cat.count', { count: page.total })}</p>
          <table class="console-table">
            <thead>
              <tr>
                <th scope="col">{t('console.cat.field.name')}</th>
                <th scope="col">{t('console.cat.field.kind')}</th>
                <th scope="col">{t('console.cat.field.organization')}</th>
                <th scope="col">{t('console.cat.field.status')}</th>
                <th scope="col">{t('console.cat.changed')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={`#/catalogue/${i.id}`}>{i.name}</a>
                    {i.editable ? null : <span class="muted"> ({t('console.cat.readOnly')})</span>}
                  </td>
                  <td>{t(`console.cat.kinds.${i.kind}`)}</td>
                  <td>{i.organizationName ?? '–'}</td>
                  <td>{t(`console.cat.statuses.${i.status}`)}</td>
                  <td>{formatLibraryDate(i.updatedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="cat-actions">
            {offset > 0 ? (
              <button type="button" onClick={() => setOffset(Math.max(0, offset - 50))}>
                {t('console.cat.previous')}
              </button>
            ) : null}
            {page.next !== null ? (
              <button type="button" onClick={() => setOffset(page.next!)}>
                {t('console.cat.next')}
              </button>
            ) : null}
          </p>
        </>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------- the form's model

type Texts = Partial<Record<Language, string>>;
interface SessionDraft {
  start: string;
  end: string;
  rrule: string;
  locationId: string;
  seats: string;
}
interface Draft {
  id: string;
  kind: 'course' | 'service';
  organizationId: string;
  name: Texts;
  description: Texts;
  themes: string[];
  audience: string[];
  format: string;
  level: string;
  languages: string;
  free: boolean;
  amountEur: string;
  costNote: Texts;
  signUpMethod: string;
  signUpUrl: string;
  signUpPhone: string;
  signUpEmail: string;
  signUpNote: Texts;
  bring: string[];
  eligibility: Texts;
  status: string;
  locationIds: string[];
  hours: Array<{ weekday: number; opens: string; closes: string }>;
  sessions: SessionDraft[];
  url: string;
  keywords: string;
}

/** "2027-01-12T10:00" (Dutch time, from a datetime-local field) as ISO with its offset. */
export function dutchLocalToIso(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  const asUtc = Date.parse(`${local}:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: LIBRARY_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(asUtc))
      .map((p) => [p.type, p.value]),
  );
  const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = Math.round((shown - asUtc) / 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An ISO time as "2027-01-12T10:00" in Dutch time, for a datetime-local field. */
export function isoToDutchLocal(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: LIBRARY_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function texts(value: Texts): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const l of LANGUAGES) if (value[l]?.trim()) out[l] = value[l]!.trim();
  return Object.keys(out).length ? out : undefined;
}

function fromItem(item: CatalogueItem): Draft {
  return {
    id: item.id,
    kind: item.kind,
    organizationId: item.organizationId,
    name: { ...item.name },
    description: { ...item.description },
    themes: [...item.themes],
    audience: [...item.audience],
    format: item.format,
    level: item.level,
    languages: item.languages.join(', '),
    free: item.cost.free,
    amountEur: item.cost.amountEur === undefined ? '' : String(item.cost.amountEur),
    costNote: { ...item.cost.note },
    signUpMethod: item.signUp.method,
    signUpUrl: item.signUp.url ?? '',
    signUpPhone: item.signUp.phone ?? '',
    signUpEmail: item.signUp.email ?? '',
    signUpNote: { ...item.signUp.note },
    bring: [...item.bring],
    eligibility: { ...item.eligibility },
    status: item.status,
    locationIds: [...item.locationIds],
    hours: item.hours.map((h) => ({ ...h })),
    sessions: item.sessions.map((s) => ({ start: isoToDutchLocal(s.start), end: isoToDutchLocal(s.end), rrule: s.rrule ?? '', locationId: s.locationId ?? '', seats: s.seats === undefined ? '' : String(s.seats) })),
    url: item.url ?? '',
    keywords: item.keywords.join(', '),
  };
}

function newDraft(kind: 'course' | 'service', organizationId: string, locationIds: string[]): Draft {
  return {
    id: uuidv7(),
    kind,
    organizationId,
    name: { nl: '' },
    description: { nl: '' },
    themes: [],
    audience: ['must_learn'],
    format: 'in_person',
    level: 'beginner',
    languages: 'nl',
    free: true,
    amountEur: '',
    costNote: {},
    signUpMethod: kind === 'course' ? 'registration' : 'walk_in',
    signUpUrl: '',
    signUpPhone: '',
    signUpEmail: '',
    signUpNote: {},
    bring: [],
    eligibility: {},
    status: 'active',
    locationIds,
    hours: [],
    sessions: [],
    url: '',
    keywords: '',
  };
}

/** The draft as an item document (not yet validated): empty optional fields left out. */
function toItem(d: Draft): Record<string, unknown> {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  const amount = d.amountEur.trim() === '' ? undefined : Number(d.amountEur.replace(',', '.'));
  return {
    id: d.id,
    kind: d.kind,
    organizationId: d.organizationId,
    name: texts(d.name) ?? {},
    description: texts(d.description) ?? {},
    themes: d.themes,
    audience: d.audience,
    format: d.format,
    level: d.level,
    languages: splitList(d.languages),
    cost: { free: d.free, amountEur: d.free ? undefined : amount, note: texts(d.costNote) },
    signUp: { method: d.signUpMethod, url: opt(d.signUpUrl), phone: opt(d.signUpPhone), email: opt(d.signUpEmail), note: texts(d.signUpNote) },
    bring: d.bring,
    eligibility: texts(d.eligibility),
    status: d.status,
    locationIds: d.locationIds,
    hours: d.hours,
    sessions: d.sessions.map((s) => ({
      start: dutchLocalToIso(s.start),
      end: dutchLocalToIso(s.end),
      rrule: opt(s.rrule),
      locationId: opt(s.locationId),
      seats: s.seats.trim() === '' ? undefined : Number(s.seats),
    })),
    url: opt(d.url),
    keywords: splitList(d.keywords),
  };
}

/** Field errors keyed by dotted path ("sessions.0.end"), in plain words. */
type Errors = Record<string, string>;

function validate(d: Draft, refs: CatalogueReferences | null, t: (k: string) => string): { item?: CatalogueItem; errors: Errors } {
  const parsed = catalogueItemSchema.safeParse(toItem(d));
  const errors: Errors = {};
  const put = (path: string, code: string) => {
    if (!errors[path]) errors[path] = t(`console.cat.errors.${code}`);
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const code =
        issue.code === 'too_small' && issue.origin === 'array' ? 'chooseOne'
        : issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.input === undefined) ? 'required'
        : issue.code === 'too_big' ? 'tooLong'
        : issue.code === 'invalid_value' ? 'choose'
        : issue.code === 'custom' ? 'price'
        : path.endsWith('rrule') ? 'rrule'
        : path.includes('sessions') && (path.endsWith('start') || path.endsWith('end')) ? 'dateTime'
        : issue.code === 'invalid_type' && issue.expected === 'number' ? 'number'
        : 'format';
      put(path, code);
    }
    return { errors };
  }
  if (refs) {
    const known = { organizations: new Set(refs.organizations.map((o) => o.id)), locations: new Set(refs.locations.map((l) => l.id)) };
    for (const issue of itemReferenceIssues(parsed.data, known)) {
      const path = issue.path.replace(/^\/item\//, '').replaceAll('/', '.');
      put(path, issue.message === 'ends before it starts' ? 'endBeforeStart' : issue.message === 'closes before it opens' ? 'closesBeforeOpens' : 'unknownPlace');
    }
  }
  return Object.keys(errors).length ? { errors } : { item: parsed.data, errors };
}

/** The first error at or under a field's path. */
function errorAt(errors: Errors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1];
}

const fieldId = (path: string) => `cat-${path.replaceAll('.', '-')}`;

function FieldError({ errors, path }: { errors: Errors; path: string }) {
  const e = errorAt(errors, path);
  return e ? (
    <span class="field-error" id={`${fieldId(path)}-error`}>
      {e}
    </span>
  ) : null;
}

const described = (errors: Errors, path: string) =>
  errorAt(errors, path) ? { 'aria-invalid': true as const, 'aria-describedby': `${fieldId(path)}-error` } : {};

// ---------------------------------------------------------------- the editor

type Status = { kind: 'ok' | 'error'; text: string };
/** A message to show after the editor reopened under a new address (a created item). */
let carried: Status | null = null;

interface Loaded {
  draft: Draft;
  version: number | null;
  editable: boolean;
  deletable: boolean;
}

function ItemEditor({ session, target }: { session: ConsoleSession; target: string }) {
  const { t, lang } = useT();
  const [refs, setRefs] = useState<CatalogueReferences | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status | null>(() => {
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
      const ownOrg = references.organizations.find((o) => o.id === session.user.organisationId) ?? references.organizations.find((o) => o.editable);
      const branches = references.locations.filter((l) => l.ownBranch).map((l) => l.id);
      const d = newDraft(target === 'new-course' ? 'course' : 'service', ownOrg?.id ?? '', branches.slice(0, 1));
      setLoaded({ draft: d, version: null, editable: true, deletable: false });
      setDraft(d);
      return;
    }
    const detail = await get<{ item: CatalogueItem; version: number; editable: boolean; deletable: boolean }>(`/catalogue/items/${target}`);
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
    return status?.kind === 'error' ? <p role="alert" class="form-error">{status.text}</p> : <p>{t('console.loading')}</p>;
  }
  const readOnly = !loaded.editable;
  const set = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (Object.keys(errors).length) setErrors(validate(next, refs, t).errors);
  };
  const check = validate(draft, refs, t);
  const places = new Map((refs?.locations ?? []).map((l) => [l.id, l.name]));
  const isNew = loaded.version === null;

  const save = async (e: Event) => {
    e.preventDefault();
    const result = validate(draft, refs, t);
    setErrors(result.errors);
    if (!result.item) {
      announce('error', t('console.cat.fixErrors', { count: Object.keys(result.errors).length }));
      const first = Object.keys(result.errors)[0]!;
      setTimeout(() => (document.getElementById(fieldId(first)) ?? document.querySelector<HTMLElement>(`[id^="${fieldId(first)}"]`))?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const saved = isNew
        ? await request<{ id: string; version: number }>('POST', '/catalogue/items', { item: result.item })
        : await request<{ id: string; version: number }>('PUT', `/catalogue/items/${draft.id}`, { baseVersion: loaded.version, item: result.item });
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
    if (!confirm(t(`console.cat.confirm.${to}`))) return;
    setBusy(true);
    try {
      const saved = await request<{ id: string; version: number }>('POST', `/catalogue/items/${draft.id}/retire`, { baseVersion: loaded.version, status: to });
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
    if (!confirm(t('console.cat.confirm.delete'))) return;
    setBusy(true);
    try {
      await request('DELETE', `/catalogue/items/${draft.id}`);
      navigate('/catalogue');
    } catch (err) {
      announce('error', failure(err, t));
      setBusy(false);
    }
  };

  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const textField = (key: 'name' | 'description' | 'costNote' | 'signUpNote' | 'eligibility', l: Language, multiline = false) => {
    const path = key === 'costNote' ? `cost.note.${l}` : key === 'signUpNote' ? `signUp.note.${l}` : `${key}.${l}`;
    const value = draft[key][l] ?? '';
    const onInput = (e: Event) => set({ [key]: { ...draft[key], [l]: (e.currentTarget as HTMLInputElement).value } } as Partial<Draft>);
    return (
      <label key={`${key}-${l}`} lang={l}>
        <span>
          {t(`console.cat.field.${key}`)} ({LANGUAGE_ENDONYMS[l]}){l === 'nl' && (key === 'name' || key === 'description') ? ` – ${t('console.cat.required')}` : ''}
        </span>
        {multiline ? (
          <textarea id={fieldId(path)} rows={3} value={value} onInput={onInput} disabled={readOnly} dir="auto" {...described(errors, path)} />
        ) : (
          <input id={fieldId(path)} value={value} onInput={onInput} disabled={readOnly} dir="auto" required={l === 'nl' && key === 'name'} {...described(errors, path)} />
        )}
        <FieldError errors={errors} path={path} />
      </label>
    );
  };
  const checkboxes = (path: 'themes' | 'audience' | 'bring', values: readonly string[], labelKey: string) => (
    <fieldset id={fieldId(path)} tabIndex={-1} {...described(errors, path)}>
      <legend>{t(`console.cat.field.${path}`)}</legend>
      {values.map((v) => (
        <label key={v} class="check">
          <input type="checkbox" checked={(draft[path] as string[]).includes(v)} disabled={readOnly} onChange={() => set({ [path]: toggle(draft[path] as string[], v) } as Partial<Draft>)} />
          {t(`console.cat.${labelKey}.${v}`)}
        </label>
      ))}
      <FieldError errors={errors} path={path} />
    </fieldset>
  );
  const select = (path: 'format' | 'level' | 'status' | 'signUpMethod', values: readonly string[], labelKey: string, errorPath: string = path) => (
    <label>
      <span>{t(`console.cat.field.${path}`)}</span>
      <select id={fieldId(errorPath)} value={draft[path]} disabled={readOnly} onChange={(e) => set({ [path]: e.currentTarget.value } as Partial<Draft>)} {...described(errors, errorPath)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`console.cat.${labelKey}.${v}`)}
          </option>
        ))}
      </select>
      <FieldError errors={errors} path={errorPath} />
    </label>
  );
  const input = (path: keyof Draft, errorPath: string, type = 'text', extra: Record<string, unknown> = {}) => (
    <label>
      <span>{t(`console.cat.field.${path}`)}</span>
      <input id={fieldId(errorPath)} type={type} value={draft[path] as string} disabled={readOnly} onInput={(e) => set({ [path]: e.currentTarget.value } as Partial<Draft>)} {...extra} {...described(errors, errorPath)} />
      <FieldError errors={errors} path={errorPath} />
    </label>
  );
  const locationName = (id: string) => {
    const l = refs?.locations.find((x) => x.id === id);
    return l ? `${l.name}${l.city ? `, ${l.city}` : ''}` : id;
  };
  // A coordinator may not name another library's branches (the server refuses it), so they are not offered; a read-only item shows all of its places.
  const usableLocations = (refs?.locations ?? []).filter((l) => !l.otherLibrary || session.user.role === 'admin' || readOnly);
  const setSession = (i: number, patch: Partial<SessionDraft>) => set({ sessions: draft.sessions.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setHours = (i: number, patch: Partial<Draft['hours'][number]>) => set({ hours: draft.hours.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const title = (draft.name.nl ?? '').trim() || t(isNew ? `console.cat.new.${draft.kind}` : 'console.cat.untitled');

  return (
    <div class="cat-editor">
      <p>
        <a href="#/catalogue">{t('console.cat.back')}</a>
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {readOnly ? <p class="banner">{t('console.cat.readOnlyExplained')}</p> : null}
      <p ref={statusRef} tabIndex={-1} role={status?.kind === 'error' ? 'alert' : 'status'} class={status?.kind === 'error' ? 'form-error' : 'form-ok'}>
        {status?.text ?? ''}
      </p>
      <div class="cat-layout">
        <form class="cat-form" onSubmit={save} noValidate aria-label={t('console.cat.formLabel')}>
          <fieldset>
            <legend>{t('console.cat.section.what')}</legend>
            <div role="radiogroup" aria-label={t('console.cat.field.kind')} class="cat-row">
              {(['course', 'service'] as const).map((k) => (
                <label key={k} class="check">
                  <input type="radio" name="kind" checked={draft.kind === k} disabled={readOnly} onChange={() => set({ kind: k })} />
                  {t(`console.cat.kinds.${k}`)}
                </label>
              ))}
            </div>
            {textField('name', 'nl')}
            {textField('description', 'nl', true)}
            {textField('name', 'en')}
            {textField('description', 'en', true)}
            <details open={LANGUAGES.slice(2).some((l) => draft.name[l] || draft.description[l])}>
              <summary>{t('console.cat.otherLanguages')}</summary>
              {LANGUAGES.slice(2).map((l) => (
                <div key={l}>
                  {textField('name', l)}
                  {textField('description', l, true)}
                </div>
              ))}
            </details>
            <label>
              <span>{t('console.cat.field.organization')}</span>
              <select id={fieldId('organizationId')} value={draft.organizationId} disabled={readOnly} onChange={(e) => set({ organizationId: e.currentTarget.value })} {...described(errors, 'organizationId')}>
                <option value="">–</option>
                {(refs?.organizations ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <FieldError errors={errors} path="organizationId" />
            </label>
            {select('status', STATUSES, 'statuses')}
          </fieldset>
          <fieldset>
            <legend>{t('console.cat.section.who')}</legend>
            {checkboxes('themes', THEMES, 'themes')}
            {checkboxes('audience', AUDIENCES, 'audiences')}
            <div class="cat-row">
              {select('format', FORMATS, 'formats')}
              {select('level', LEVELS, 'levels')}
              {input('languages', 'languages', 'text', { placeholder: 'nl, en' })}
            </div>
            {textField('eligibility', 'nl', true)}
            {textField('eligibility', 'en', true)}
          </fieldset>
          <fieldset>
            <legend>{t('console.cat.section.cost')}</legend>
            <label class="check">
              <input type="checkbox" checked={draft.free} disabled={readOnly} onChange={() => set({ free: !draft.free })} />
              {t('console.cat.field.free')}
            </label>
            {draft.free ? null : input('amountEur', 'cost.amountEur', 'text', { inputMode: 'decimal' })}
            {textField('costNote', 'nl')}
          </fieldset>
          <fieldset>
            <legend>{t('console.cat.section.signUp')}</legend>
            {select('signUpMethod', SIGN_UP_METHODS, 'signUpMethods', 'signUp.method')}
            <div class="cat-row">
              {input('signUpUrl', 'signUp.url', 'url')}
              {input('signUpPhone', 'signUp.phone', 'tel')}
              {input('signUpEmail', 'signUp.email', 'email')}
            </div>
            {textField('signUpNote', 'nl')}
            {textField('signUpNote', 'en')}
            {checkboxes('bring', BRING, 'bringItems')}
          </fieldset>
          <fieldset>
            <legend>{t('console.cat.section.where')}</legend>
            <fieldset id={fieldId('locationIds')} tabIndex={-1} {...described(errors, 'locationIds')}>
              <legend>{t('console.cat.field.locationIds')}</legend>
              {usableLocations.map((l) => (
                <label key={l.id} class="check">
                  <input type="checkbox" checked={draft.locationIds.includes(l.id)} disabled={readOnly} onChange={() => set({ locationIds: toggle(draft.locationIds, l.id) })} />
                  {locationName(l.id)}
                </label>
              ))}
              <FieldError errors={errors} path="locationIds" />
            </fieldset>
            <h3>{t('console.cat.field.hours')}</h3>
            {draft.hours.map((h, i) => (
              <div class="cat-row" key={`h${i}`} role="group" aria-label={`${t('console.cat.field.hours')} ${i + 1}`}>
                <label>
                  <span>{t('console.cat.field.weekday')}</span>
                  <select value={h.weekday} disabled={readOnly} onChange={(e) => setHours(i, { weekday: Number(e.currentTarget.value) })}>
                    {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                      <option key={d} value={d}>
                        {weekdayName(d, lang)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span>{t('console.cat.field.opens')}</span>
                  <input id={fieldId(`hours.${i}.opens`)} type="time" value={h.opens} disabled={readOnly} onInput={(e) => setHours(i, { opens: e.currentTarget.value })} {...described(errors, `hours.${i}.opens`)} />
                  <FieldError errors={errors} path={`hours.${i}.opens`} />
                </label>
                <label>
                  <span>{t('console.cat.field.closes')}</span>
                  <input id={fieldId(`hours.${i}.closes`)} type="time" value={h.closes} disabled={readOnly} onInput={(e) => setHours(i, { closes: e.currentTarget.value })} {...described(errors, `hours.${i}.closes`)} />
                  <FieldError errors={errors} path={`hours.${i}.closes`} />
                </label>
                <button type="button" disabled={readOnly} onClick={() => set({ hours: draft.hours.filter((_, j) => j !== i) })}>
                  {t('console.cat.remove')}
                </button>
              </div>
            ))}
            <button type="button" disabled={readOnly} onClick={() => set({ hours: [...draft.hours, { weekday: 2, opens: '10:00', closes: '12:00' }] })}>
              {t('console.cat.addHours')}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t('console.cat.section.sessions')}</legend>
            <p class="hint">{t('console.cat.sessionsHint')}</p>
            {draft.sessions.map((s, i) => (
              <div class="cat-session" key={`s${i}`} role="group" aria-label={t('console.cat.sessionN', { n: i + 1 })}>
                <label>
                  <span>{t('console.cat.field.start')}</span>
                  <input id={fieldId(`sessions.${i}.start`)} type="datetime-local" value={s.start} disabled={readOnly} onInput={(e) => setSession(i, { start: e.currentTarget.value })} {...described(errors, `sessions.${i}.start`)} />
                  <FieldError errors={errors} path={`sessions.${i}.start`} />
                </label>
                <label>
                  <span>{t('console.cat.field.end')}</span>
                  <input id={fieldId(`sessions.${i}.end`)} type="datetime-local" value={s.end} disabled={readOnly} onInput={(e) => setSession(i, { end: e.currentTarget.value })} {...described(errors, `sessions.${i}.end`)} />
                  <FieldError errors={errors} path={`sessions.${i}.end`} />
                </label>
                <label>
                  <span>{t('console.cat.field.rrule')}</span>
                  <input id={fieldId(`sessions.${i}.rrule`)} value={s.rrule} placeholder="FREQ=WEEKLY;COUNT=4" disabled={readOnly} onInput={(e) => setSession(i, { rrule: e.currentTarget.value.toUpperCase() })} {...described(errors, `sessions.${i}.rrule`)} />
                  <FieldError errors={errors} path={`sessions.${i}.rrule`} />
                </label>
                <label>
                  <span>{t('console.cat.field.sessionLocation')}</span>
                  <select id={fieldId(`sessions.${i}.locationId`)} value={s.locationId} disabled={readOnly} onChange={(e) => setSession(i, { locationId: e.currentTarget.value })} {...described(errors, `sessions.${i}.locationId`)}>
                    <option value="">–</option>
                    {usableLocations.map((l) => (
                      <option key={l.id} value={l.id}>
                        {locationName(l.id)}
                      </option>
                    ))}
                  </select>
                  <FieldError errors={errors} path={`sessions.${i}.locationId`} />
                </label>
                <label>
                  <span>{t('console.cat.field.seats')}</span>
                  <input id={fieldId(`sessions.${i}.seats`)} type="number" min={0} max={10000} value={s.seats} disabled={readOnly} onInput={(e) => setSession(i, { seats: e.currentTarget.value })} {...described(errors, `sessions.${i}.seats`)} />
                  <FieldError errors={errors} path={`sessions.${i}.seats`} />
                </label>
                <button type="button" disabled={readOnly} onClick={() => set({ sessions: draft.sessions.filter((_, j) => j !== i) })}>
                  {t('console.cat.removeSession')}
                </button>
              </div>
            ))}
            <button
              type="button"
              disabled={readOnly}
              onClick={() => set({ sessions: [...draft.sessions, { start: '', end: '', rrule: '', locationId: draft.locationIds[0] ?? '', seats: '' }] })}
            >
              {t('console.cat.addSession')}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t('console.cat.section.more')}</legend>
            {input('url', 'url', 'url')}
            {input('keywords', 'keywords')}
          </fieldset>
          {readOnly ? null : (
            <div class="cat-row cat-buttons">
              <button type="submit" class="primary" disabled={busy}>
                {t(isNew ? 'console.cat.create' : 'console.cat.save')}
              </button>
              {isNew ? null : (
                <>
                  <button type="button" disabled={busy || loaded.draft.status === 'temporarily_closed'} onClick={() => void retire('temporarily_closed')}>
                    {t('console.cat.close')}
                  </button>
                  <button type="button" disabled={busy || loaded.draft.status === 'ended'} onClick={() => void retire('ended')}>
                    {t('console.cat.end')}
                  </button>
                </>
              )}
              {!isNew && loaded.deletable ? (
                <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
                  {t('console.cat.delete')}
                </button>
              ) : null}
            </div>
          )}
        </form>
        <aside class="cat-preview">
          {check.item ? (
            <KioskPreview item={check.item} places={places} here={session.locations[0]?.id} />
          ) : (
            <p class="hint">{t('console.cat.preview.incomplete')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

function failure(err: unknown, t: (k: string) => string): string {
  if (err instanceof ConsoleError) {
    if (err.status === 409 && err.code === 'stale') return t('console.cat.stale');
    if (err.status === 403) return t('console.cat.forbidden');
    return err.message;
  }
  return t('console.offline');
}
