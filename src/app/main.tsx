import { render } from 'preact';
import { bootDevice } from './device/device-store';
import { initI18n, loadLanguage, i18n } from './i18n/i18n';
import { registerServiceWorker } from './pwa/service-worker';
import { db, syncEngine } from './services';
import { App } from './shell/App';
import { platformProblems } from './platform/platform-check';
import './styles.css';

async function start(): Promise<void> {
  await initI18n();
  if (location.pathname.startsWith('/console')) {
    // The coordinator console: a lazy chunk of its own, never part of a tablet's first load.
    (await import('./console/ConsoleApp')).startConsole(document.getElementById('app')!);
    return;
  }
  const problems = platformProblems();
  if (problems.length > 0) {
    // Nothing else starts: no enrolment, no sync, no database writes; the tablet's data stays as it was.
    // A screen most tablets never show, so it is not part of the first load.
    const [{ CannotRunScreen }] = await Promise.all([
      import('./platform/CannotRunScreen'),
      loadLanguage('nl'),
      loadLanguage(i18n.language as 'nl' | 'en'),
    ]);
    render(<CannotRunScreen problems={problems} />, document.getElementById('app')!);
    return;
  }
  render(<App />, document.getElementById('app')!);
  await bootDevice(db);
  syncEngine.start();
  void registerServiceWorker();
}

void start();
