import { render } from 'preact';
import { bootDevice } from './device/device-store';
import { initI18n } from './i18n/i18n';
import { registerServiceWorker } from './pwa/service-worker';
import { db, syncEngine } from './services';
import { App } from './shell/App';
import './styles.css';

async function start(): Promise<void> {
  await initI18n();
  if (location.pathname.startsWith('/console')) {
    // The coordinator console: a lazy chunk of its own, never part of a tablet's first load.
    (await import('./console/ConsoleApp')).startConsole(document.getElementById('app')!);
    return;
  }
  render(<App />, document.getElementById('app')!);
  await bootDevice(db);
  syncEngine.start();
  registerServiceWorker();
}

void start();
