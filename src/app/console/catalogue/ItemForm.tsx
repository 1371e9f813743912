import type { Ref } from 'preact';
import { AUDIENCES, BRING, FORMATS, LEVELS, SIGN_UP_METHODS, STATUSES, THEMES, type CatalogueItem } from '../../../shared/catalogue';
import type { CatalogueReferences, ConsoleSession } from '../../../shared/console';
import { LANGUAGES, type Language } from '../../../shared/i18n-text';
import { useT } from '../../i18n/i18n';
import { LANGUAGE_ENDONYMS, weekdayName } from '../../i18n/format';
import { errorAt, toggled, type Draft, type Errors, type SessionDraft } from './draft';
import { KioskPreview } from './KioskPreview';

/** What the editor last said: saved, or what went wrong. */
export type EditorStatus = { kind: 'ok' | 'error'; text: string };

interface Props {
  session: ConsoleSession;
  draft: Draft;
  refs: CatalogueReferences | null;
  errors: Errors;
  /** The draft as a valid item (for the kiosk preview), undefined while it is not one. */
  preview: CatalogueItem | undefined;
  /** The status as saved on the server (the close and end buttons offer the other). */
  savedStatus: string;
  isNew: boolean;
  readOnly: boolean;
  deletable: boolean;
  busy: boolean;
  status: EditorStatus | null;
  statusRef: Ref<HTMLParagraphElement>;
  headingRef: Ref<HTMLHeadingElement>;
  onChange: (patch: Partial<Draft>) => void;
  onSave: (e: Event) => void;
  onRetire: (to: 'ended' | 'temporarily_closed') => Promise<void>;
  onRemove: () => Promise<void>;
}

/** The id of a field's control, from its error path: the editor focuses the first field in error by it. */
export const fieldId = (path: string) => `cat-${path.replaceAll('.', '-')}`;

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

/**
 * The item editor as shown: the form in sections (what, for whom, cost, sign-up, where and
 * when, sessions, more) with each field's error beside it, and the kiosk preview. Its data
 * (loading, saving, retiring, deleting): ItemEditor.tsx.
 */
export function ItemForm(props: Props) {
  const {
    session,
    draft,
    refs,
    errors,
    preview,
    savedStatus,
    isNew,
    readOnly,
    deletable,
    busy,
    status,
    statusRef,
    headingRef,
    onChange: set,
    onSave,
  } = props;
  const { t, lang } = useT();
  const retire = (to: 'ended' | 'temporarily_closed') => {
    if (confirm(t(`console.cat.confirm.${to}`))) void props.onRetire(to);
  };
  const remove = () => {
    if (confirm(t('console.cat.confirm.delete'))) void props.onRemove();
  };
  const places = new Map((refs?.locations ?? []).map((l) => [l.id, l.name]));
  const textField = (key: 'name' | 'description' | 'costNote' | 'signUpNote' | 'eligibility', l: Language, multiline = false) => {
    const path = key === 'costNote' ? `cost.note.${l}` : key === 'signUpNote' ? `signUp.note.${l}` : `${key}.${l}`;
    const value = draft[key][l] ?? '';
    const onInput = (e: Event) => set({ [key]: { ...draft[key], [l]: (e.currentTarget as HTMLInputElement).value } } as Partial<Draft>);
    return (
      <label key={`${key}-${l}`} lang={l}>
        <span>
          {t(`console.cat.field.${key}`)} ({LANGUAGE_ENDONYMS[l]})
          {l === 'nl' && (key === 'name' || key === 'description') ? ` – ${t('console.cat.required')}` : ''}
        </span>
        {multiline ? (
          <textarea
            id={fieldId(path)}
            rows={3}
            value={value}
            onInput={onInput}
            disabled={readOnly}
            dir="auto"
            {...described(errors, path)}
          />
        ) : (
          <input
            id={fieldId(path)}
            value={value}
            onInput={onInput}
            disabled={readOnly}
            dir="auto"
            required={l === 'nl' && key === 'name'}
            {...described(errors, path)}
          />
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
          <input
            type="checkbox"
            checked={(draft[path] as string[]).includes(v)}
            disabled={readOnly}
            onChange={() => set({ [path]: toggled(draft[path] as string[], v) } as Partial<Draft>)}
          />
          {t(`console.cat.${labelKey}.${v}`)}
        </label>
      ))}
      <FieldError errors={errors} path={path} />
    </fieldset>
  );
  const select = (
    path: 'format' | 'level' | 'status' | 'signUpMethod',
    values: readonly string[],
    labelKey: string,
    errorPath: string = path,
  ) => (
    <label>
      <span>{t(`console.cat.field.${path}`)}</span>
      <select
        id={fieldId(errorPath)}
        value={draft[path]}
        disabled={readOnly}
        onChange={(e) => set({ [path]: e.currentTarget.value } as Partial<Draft>)}
        {...described(errors, errorPath)}
      >
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
      <input
        id={fieldId(errorPath)}
        type={type}
        value={draft[path] as string}
        disabled={readOnly}
        onInput={(e) => set({ [path]: e.currentTarget.value } as Partial<Draft>)}
        {...extra}
        {...described(errors, errorPath)}
      />
      <FieldError errors={errors} path={errorPath} />
    </label>
  );
  const locationName = (id: string) => {
    const l = refs?.locations.find((x) => x.id === id);
    return l ? `${l.name}${l.city ? `, ${l.city}` : ''}` : id;
  };
  // A coordinator may not name another library's branches (the server refuses it), so they are not offered; a read-only item shows all of its places.
  const usableLocations = (refs?.locations ?? []).filter((l) => !l.otherLibrary || session.user.role === 'admin' || readOnly);
  const setSession = (i: number, patch: Partial<SessionDraft>) =>
    set({ sessions: draft.sessions.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const setHours = (i: number, patch: Partial<Draft['hours'][number]>) =>
    set({ hours: draft.hours.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
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
      <p
        ref={statusRef}
        tabIndex={-1}
        role={status?.kind === 'error' ? 'alert' : 'status'}
        class={status?.kind === 'error' ? 'form-error' : 'form-ok'}
      >
        {status?.text ?? ''}
      </p>
      <div class="cat-layout">
        <form class="cat-form" onSubmit={onSave} noValidate aria-label={t('console.cat.formLabel')}>
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
              <select
                id={fieldId('organizationId')}
                value={draft.organizationId}
                disabled={readOnly}
                onChange={(e) => set({ organizationId: e.currentTarget.value })}
                {...described(errors, 'organizationId')}
              >
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
                  <input
                    type="checkbox"
                    checked={draft.locationIds.includes(l.id)}
                    disabled={readOnly}
                    onChange={() => set({ locationIds: toggled(draft.locationIds, l.id) })}
                  />
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
                  <input
                    id={fieldId(`hours.${i}.opens`)}
                    type="time"
                    value={h.opens}
                    disabled={readOnly}
                    onInput={(e) => setHours(i, { opens: e.currentTarget.value })}
                    {...described(errors, `hours.${i}.opens`)}
                  />
                  <FieldError errors={errors} path={`hours.${i}.opens`} />
                </label>
                <label>
                  <span>{t('console.cat.field.closes')}</span>
                  <input
                    id={fieldId(`hours.${i}.closes`)}
                    type="time"
                    value={h.closes}
                    disabled={readOnly}
                    onInput={(e) => setHours(i, { closes: e.currentTarget.value })}
                    {...described(errors, `hours.${i}.closes`)}
                  />
                  <FieldError errors={errors} path={`hours.${i}.closes`} />
                </label>
                <button type="button" disabled={readOnly} onClick={() => set({ hours: draft.hours.filter((_, j) => j !== i) })}>
                  {t('console.cat.remove')}
                </button>
              </div>
            ))}
            <button
              type="button"
              disabled={readOnly}
              onClick={() => set({ hours: [...draft.hours, { weekday: 2, opens: '10:00', closes: '12:00' }] })}
            >
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
                  <input
                    id={fieldId(`sessions.${i}.start`)}
                    type="datetime-local"
                    value={s.start}
                    disabled={readOnly}
                    onInput={(e) => setSession(i, { start: e.currentTarget.value })}
                    {...described(errors, `sessions.${i}.start`)}
                  />
                  <FieldError errors={errors} path={`sessions.${i}.start`} />
                </label>
                <label>
                  <span>{t('console.cat.field.end')}</span>
                  <input
                    id={fieldId(`sessions.${i}.end`)}
                    type="datetime-local"
                    value={s.end}
                    disabled={readOnly}
                    onInput={(e) => setSession(i, { end: e.currentTarget.value })}
                    {...described(errors, `sessions.${i}.end`)}
                  />
                  <FieldError errors={errors} path={`sessions.${i}.end`} />
                </label>
                <label>
                  <span>{t('console.cat.field.rrule')}</span>
                  <input
                    id={fieldId(`sessions.${i}.rrule`)}
                    value={s.rrule}
                    placeholder="FREQ=WEEKLY;COUNT=4"
                    disabled={readOnly}
                    onInput={(e) => setSession(i, { rrule: e.currentTarget.value.toUpperCase() })}
                    {...described(errors, `sessions.${i}.rrule`)}
                  />
                  <FieldError errors={errors} path={`sessions.${i}.rrule`} />
                </label>
                <label>
                  <span>{t('console.cat.field.sessionLocation')}</span>
                  <select
                    id={fieldId(`sessions.${i}.locationId`)}
                    value={s.locationId}
                    disabled={readOnly}
                    onChange={(e) => setSession(i, { locationId: e.currentTarget.value })}
                    {...described(errors, `sessions.${i}.locationId`)}
                  >
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
                  <input
                    id={fieldId(`sessions.${i}.seats`)}
                    type="number"
                    min={0}
                    max={10000}
                    value={s.seats}
                    disabled={readOnly}
                    onInput={(e) => setSession(i, { seats: e.currentTarget.value })}
                    {...described(errors, `sessions.${i}.seats`)}
                  />
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
              onClick={() =>
                set({ sessions: [...draft.sessions, { start: '', end: '', rrule: '', locationId: draft.locationIds[0] ?? '', seats: '' }] })
              }
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
                  <button
                    type="button"
                    disabled={busy || savedStatus === 'temporarily_closed'}
                    onClick={() => retire('temporarily_closed')}
                  >
                    {t('console.cat.close')}
                  </button>
                  <button type="button" disabled={busy || savedStatus === 'ended'} onClick={() => retire('ended')}>
                    {t('console.cat.end')}
                  </button>
                </>
              )}
              {!isNew && deletable ? (
                <button type="button" class="danger" disabled={busy} onClick={() => remove()}>
                  {t('console.cat.delete')}
                </button>
              ) : null}
            </div>
          )}
        </form>
        <aside class="cat-preview">
          {preview ? (
            <KioskPreview item={preview} places={places} here={session.locations[0]?.id} />
          ) : (
            <p class="hint">{t('console.cat.preview.incomplete')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}
