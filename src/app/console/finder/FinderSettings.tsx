import { useEffect, useState } from 'preact/hooks';
import { LOGO_MAX_BYTES, LOGO_TYPES, type FinderBrandingUpdate, type FinderSettingsList } from '../../../shared/finder';
import { useT } from '../../i18n/i18n';
import { ConsoleError, get, request } from '../api';
import { ensureFinderTexts } from './locales';

type Organisation = FinderSettingsList['organisations'][number];

/** The embed snippet of docs/finder.md for one organisation's finder. */
export function embedSnippet(address: string): string {
  const origin = new URL(address).origin;
  return `<iframe data-inloop-finder src="${address}" title="Cursussen en hulp" style="width:100%;height:600px;border:0"></iframe>\n<script src="${origin}/aanbod/embed.js" async></script>`;
}

async function readLogo(file: File): Promise<{ type: (typeof LOGO_TYPES)[number]; base64: string } | string> {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return 'console.finder.logoType';
  if (file.size > LOGO_MAX_BYTES) return 'console.finder.logoTooLarge';
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { type: file.type as (typeof LOGO_TYPES)[number], base64: btoa(binary) };
}

function OrganisationForm({ org, onSaved }: { org: Organisation; onSaved: (list: FinderSettingsList) => void }) {
  const { t } = useT();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const id = (name: string) => `finder-${org.id}-${name}`;
  const save = async (e: Event) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const colour = String(form.get('colour') ?? '')
      .trim()
      .toLowerCase();
    const body: FinderBrandingUpdate = {
      colour: colour || null,
      frameAncestors: String(form.get('ancestors') ?? '')
        .split(/\s+/)
        .map((s) => s.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    };
    const file = (formEl.elements.namedItem('logo') as HTMLInputElement | null)?.files?.[0];
    if (form.get('removeLogo')) body.logo = null;
    else if (file && file.size > 0) {
      const logo = await readLogo(file);
      if (typeof logo === 'string') return setStatus({ ok: false, text: t(logo) });
      body.logo = logo;
    }
    try {
      onSaved(await request<FinderSettingsList>('PUT', `/finder/${org.id}`, body));
      setStatus({ ok: true, text: t('console.finder.saved') });
    } catch (err) {
      setStatus({ ok: false, text: err instanceof ConsoleError ? err.message : String(err) });
    }
  };
  return (
    <section aria-labelledby={id('title')} class="console-card">
      <h2 id={id('title')}>{org.name}</h2>
      <p>
        {t('console.finder.address')}: <a href={org.address}>{org.address}</a>
      </p>
      <form onSubmit={(e) => void save(e)}>
        <p>
          <label for={id('colour')}>{t('console.finder.colour')}</label>
          <input
            id={id('colour')}
            name="colour"
            defaultValue={org.colour ?? ''}
            pattern="#[0-9a-fA-F]{6}"
            aria-describedby={id('colour-hint')}
          />
          <span id={id('colour-hint')} class="hint">
            {t('console.finder.colourHint')}
          </span>
        </p>
        <p>
          <label for={id('logo')}>{t('console.finder.logo')}</label>
          <input id={id('logo')} name="logo" type="file" accept={LOGO_TYPES.join(',')} />
          {org.hasLogo ? (
            <span>
              {t('console.finder.currentLogo')}{' '}
              <label>
                <input type="checkbox" name="removeLogo" value="1" /> {t('console.finder.removeLogo')}
              </label>
            </span>
          ) : null}
        </p>
        <p>
          <label for={id('ancestors')}>{t('console.finder.ancestors')}</label>
          <textarea
            id={id('ancestors')}
            name="ancestors"
            rows={3}
            defaultValue={org.frameAncestors.join('\n')}
            aria-describedby={id('ancestors-hint')}
          />
          <span id={id('ancestors-hint')} class="hint">
            {t('console.finder.ancestorsHint')}
          </span>
        </p>
        <p>
          <button type="submit">{t('console.finder.save')}</button>
        </p>
        {status ? (
          <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'banner' : 'banner error'}>
            {status.text}
          </p>
        ) : null}
      </form>
      <h3>{t('console.finder.snippet')}</h3>
      <p>{t('console.finder.snippetHint')}</p>
      <pre>
        <code>{embedSnippet(org.address)}</code>
      </pre>
    </section>
  );
}

/** The console's "Website" section: per organisation the public finder's address, look and embedding sites. */
export function FinderSettings() {
  ensureFinderTexts();
  const { t } = useT();
  const [list, setList] = useState<FinderSettingsList | null>(null);
  useEffect(() => void get<FinderSettingsList>('/finder').then(setList), []);
  return (
    <section aria-labelledby="finder-title">
      <h1 id="finder-title">{t('console.sections.finder')}</h1>
      <p>{t('console.finder.intro')}</p>
      {list?.organisations.map((org) => (
        <OrganisationForm key={org.id} org={org} onSaved={setList} />
      ))}
    </section>
  );
}
