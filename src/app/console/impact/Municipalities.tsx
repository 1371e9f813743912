import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../../shared/console';
import type { LocationMunicipalities } from '../../../shared/impact';
import { MUNICIPALITY_CODE, type Municipality } from '../../../shared/municipality';
import { useT } from '../../i18n/i18n';
import { get, request } from '../api';
import { LocationField } from '../LocationField';
import { ensureImpactTexts } from './locales';

/**
 * Per location, the municipalities its visitors may say they live in (CBS code and name):
 * what the location's desks and kiosks offer, with "not asked" as the default.
 */
export function Municipalities({ session }: { session: ConsoleSession }) {
  ensureImpactTexts();
  const { t } = useT();
  const [location, setLocation] = useState(session.locations[0]?.id ?? '');
  const [list, setList] = useState<Municipality[] | null>(null);
  const [draft, setDraft] = useState({ code: '', name: '' });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (!location) return;
    setList(null);
    setStatus(null);
    get<LocationMunicipalities>(`/locations/${location}/municipalities`)
      .then((r) => setList(r.municipalities))
      .catch((err: Error) => setStatus({ ok: false, text: err.message }));
  }, [location]);

  const save = async (next: Municipality[]) => {
    try {
      const saved = await request<LocationMunicipalities>('PUT', `/locations/${location}/municipalities`, { municipalities: next });
      setList(saved.municipalities);
      setStatus({ ok: true, text: t('console.impact.municipalities.saved') });
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
    }
  };
  const add = (e: Event) => {
    e.preventDefault();
    const code = draft.code.trim().toUpperCase();
    const name = draft.name.trim();
    if (!MUNICIPALITY_CODE.test(code) || !name) return setStatus({ ok: false, text: t('console.impact.municipalities.invalid') });
    setDraft({ code: '', name: '' });
    void save([...(list ?? []).filter((m) => m.code !== code), { code, name }]);
  };

  return (
    <section aria-labelledby="municipalities-title">
      <h1 id="municipalities-title">{t('console.impact.municipalities.title')}</h1>
      <p>{t('console.impact.municipalities.explain')}</p>
      <div class="console-filters">
        <LocationField session={session} required value={location} onChange={setLocation} />
      </div>
      {list ? (
        list.length ? (
          <ul class="municipality-list" aria-label={t('console.sections.municipalities')}>
            {list.map((m) => (
              <li key={m.code} data-code={m.code}>
                <span>
                  {m.name} ({m.code})
                </span>{' '}
                <button type="button" onClick={() => void save(list.filter((x) => x.code !== m.code))}>
                  {t('console.impact.municipalities.remove', { name: m.name })}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('console.impact.municipalities.none')}</p>
        )
      ) : null}
      <form class="console-filters" onSubmit={add}>
        <label>
          {t('console.impact.municipalities.code')}
          <input
            name="code"
            value={draft.code}
            pattern="[Gg][Mm][0-9]{4}"
            maxLength={6}
            autocomplete="off"
            required
            onInput={(e) => setDraft({ ...draft, code: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          {t('console.impact.municipalities.name')}
          <input
            name="name"
            value={draft.name}
            maxLength={80}
            autocomplete="off"
            required
            onInput={(e) => setDraft({ ...draft, name: (e.target as HTMLInputElement).value })}
          />
        </label>
        <button type="submit" class="primary">
          {t('console.impact.municipalities.add')}
        </button>
      </form>
      {status ? (
        <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'form-ok' : 'form-error'}>
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
