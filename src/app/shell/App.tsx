import { EnrolScreen } from '../device/EnrolScreen';
import { deviceStore } from '../device/device-store';
import { useT } from '../i18n/i18n';
import { UpdateBanner } from '../pwa/UpdateBanner';
import { useStore } from '../state/use-store';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { TodayList } from '../visits/TodayList';
import { VisitForm } from '../visits/VisitForm';
import { Header } from './Header';

export function App() {
  const { t } = useT();
  const state = useStore(deviceStore, (s) => s);
  if (state.phase === 'loading') return null;
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header device={state.device} />
      <UpdateBanner />
      {state.storageProblem ? (
        <div class="banner error" role="alert">
          {t(`storage.${state.storageProblem}`)}
        </div>
      ) : null}
      {state.persistence === 'denied' ? <div class="banner info">{t('storage.persistDenied')}</div> : null}
      {!state.device ? (
        state.storageProblem ? null : <EnrolScreen />
      ) : (
        <>
          <SyncStatusBar />
          <main id="main" class="desk">
            <VisitForm device={state.device} />
            <TodayList />
          </main>
        </>
      )}
    </>
  );
}
