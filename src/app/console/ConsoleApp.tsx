import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../shared/console';
import { i18n, useT } from '../i18n/i18n';
import { useRoute, navigate } from '../shell/router';
import { ConsoleError, loadSession, post, signIn, signOut } from './api';
import { VisitLog } from './VisitLog';
import { Dashboard } from './Dashboard';
import { DevicesWithData } from './devices/DevicesWithData';
import { RejectedEntriesWithData } from './devices/RejectedEntriesWithData';
import { VolunteersWithData } from './volunteers/VolunteersWithData';
import { KioskInboxWithData } from './kiosk-inbox/KioskInboxWithData';
import { AccountsWithData } from './accounts/AccountsWithData';
import { AuditLogWithData } from './audit-log/AuditLogWithData';
import { CatalogueScreen } from './catalogue/CatalogueScreen';
import { FinderSettings } from './finder/FinderSettings';
import { Referrals } from './referrals/Referrals';
import { PartnerLinks } from './partners/PartnerLinks';
import { Municipalities } from './impact/Municipalities';
import { SurveyReport } from './impact/SurveyReport';
import { ensureImpactTexts } from './impact/locales';
import { CourseReport } from './courses/CourseReport';
import { CourseRuns } from './courses/CourseRuns';
import { ensureCourseTexts } from './courses/locales';
import nl from './locales/nl.json';
import en from './locales/en.json';
import './console.css';

/**
 * The coordinator console: online only, loaded lazily when the address starts with
 * /console, so tablets never download it. Hash routes like the tablet app.
 */
export function startConsole(root: HTMLElement): void {
  i18n.addResourceBundle('nl', 'translation', { console: nl }, true, true);
  i18n.addResourceBundle('en', 'translation', { console: en }, true, true);
  ensureImpactTexts();
  ensureCourseTexts();
  document.title = 'Inloop – console';
  document.body.classList.add('console-body');
  render(<ConsoleApp />, root);
}

const SECTIONS = [
  'visits',
  'dashboard',
  'survey',
  'courses',
  'referrals',
  'municipalities',
  'devices',
  'volunteers',
  'inbox',
  'catalogue',
  'finder',
  'partners',
  'users',
  'audit',
] as const;

function ConsoleApp() {
  const { t } = useT();
  const route = useRoute();
  const [session, setSession] = useState<ConsoleSession | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    loadSession()
      .then((s) => setSession(s ?? null))
      .catch(() => setFailure(t('console.offline')));
  }, []);
  const passwordToken = /^\/password\/([A-Za-z0-9_-]+)$/.exec(route)?.[1];
  if (passwordToken) return <SetPassword token={passwordToken} />;
  if (failure)
    return (
      <p class="banner error" role="alert">
        {failure}
      </p>
    );
  if (session === undefined) return <p class="console-loading">{t('console.loading')}</p>;
  if (session === null) return <SignIn onSignedIn={setSession} />;
  const section = route.split('/')[1] || 'visits';
  // #/devices/<id>/rejected: one tablet's rejected entries.
  const rejectedOf = /^\/devices\/([0-9a-f-]{36})\/rejected$/.exec(route)?.[1];
  return (
    <div class="console">
      <a class="skip" href="#console-main">
        {t('console.skip')}
      </a>
      <header class="console-header">
        <strong>{t('console.title')}</strong>
        <nav aria-label={t('console.nav')}>
          {SECTIONS.map((s) => (
            <a key={s} href={`#/${s}`} aria-current={section === s ? 'page' : undefined}>
              {t(`console.sections.${s}`)}
            </a>
          ))}
        </nav>
        <span class="console-user">
          {session.user.email} ({t(`console.roles.${session.user.role}`)})
        </span>
        <button type="button" onClick={() => void signOut(false).then(() => setSession(null))}>
          {t('console.signOut')}
        </button>
        <button type="button" onClick={() => void signOut(true).then(() => setSession(null))}>
          {t('console.signOutEverywhere')}
        </button>
      </header>
      <main id="console-main" class="console-main">
        {section === 'visits' ? <VisitLog session={session} /> : null}
        {section === 'dashboard' || section === 'report' ? <Dashboard session={session} printable={section === 'report'} /> : null}
        {section === 'devices' ? (
          rejectedOf ? (
            <RejectedEntriesWithData deviceId={rejectedOf} />
          ) : (
            <DevicesWithData session={session} />
          )
        ) : null}
        {section === 'volunteers' ? <VolunteersWithData session={session} /> : null}
        {section === 'inbox' ? <KioskInboxWithData /> : null}
        {section === 'catalogue' ? <CatalogueScreen session={session} route={route} /> : null}
        {section === 'finder' ? <FinderSettings /> : null}
        {section === 'referrals' ? <Referrals session={session} /> : null}
        {section === 'partners' ? <PartnerLinks session={session} /> : null}
        {section === 'users' ? <AccountsWithData session={session} /> : null}
        {section === 'audit' ? <AuditLogWithData /> : null}
        {section === 'survey' ? <SurveyReport session={session} alderman={route === '/survey/alderman'} /> : null}
        {section === 'courses' ? route === '/courses/runs' ? <CourseRuns session={session} /> : <CourseReport session={session} /> : null}
        {section === 'municipalities' ? <Municipalities session={session} /> : null}
      </main>
    </div>
  );
}

/** Wrong password, an account slowed down after too many, or no connection: each said plainly. */
function signInError(err: unknown, t: ReturnType<typeof useT>['t']): string {
  if (!(err instanceof ConsoleError) || (err.status !== 401 && err.status !== 429)) return t('console.offline');
  const wait = err.retryAfterSeconds;
  const waitText =
    wait === undefined
      ? ''
      : wait < 60
        ? t('console.signIn.waitSeconds', { count: wait })
        : t('console.signIn.waitMinutes', { count: Math.ceil(wait / 60) });
  // 429 is this account's slow-down, or else the limit on sign-ins from one address.
  if (err.status === 429)
    return [t(err.code === 'sign_in_slowed' ? 'console.signIn.slowed' : 'console.signIn.tooMany'), waitText].join(' ').trim();
  return [t('console.signIn.wrong'), waitText].join(' ').trim();
}

function SignIn({ onSignedIn }: { onSignedIn: (s: ConsoleSession) => void }) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(String(form.get('email')), String(form.get('password'))));
      if (!location.hash) navigate('/visits');
    } catch (err) {
      setError(signInError(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="console-signin">
      <h1>{t('console.signIn.title')}</h1>
      <form onSubmit={submit}>
        <label>
          {t('console.signIn.email')}
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          {t('console.signIn.password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error ? (
          <p role="alert" class="form-error">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {t('console.signIn.submit')}
        </button>
      </form>
    </main>
  );
}

function SetPassword({ token }: { token: string }) {
  const { t } = useT();
  const [state, setState] = useState<'form' | 'done' | 'error'>('form');
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await post('/password', { token, password: String(form.get('password')) });
      setState('done');
    } catch {
      setState('error');
    }
  };
  return (
    <main class="console-signin">
      <h1>{t('console.password.title')}</h1>
      {state === 'done' ? (
        <p>
          {t('console.password.done')} <a href="#/visits">{t('console.signIn.submit')}</a>
        </p>
      ) : (
        <form onSubmit={submit}>
          <label>
            {t('console.password.new')}
            <input name="password" type="password" autocomplete="new-password" minLength={10} required />
          </label>
          {state === 'error' ? (
            <p role="alert" class="form-error">
              {t('console.password.error')}
            </p>
          ) : null}
          <button type="submit" class="primary">
            {t('console.password.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
