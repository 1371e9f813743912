import { EnrolScreen } from '../device/EnrolScreen';
import { deviceStore } from '../device/device-store';
import { useT } from '../i18n/i18n';
import { UpdateBanner } from '../pwa/UpdateBanner';
import { useStore } from '../state/use-store';
import { DeskApp } from '../desk/DeskApp';
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
        <DeskApp device={state.device} />
      )}
    </>
  );
}
