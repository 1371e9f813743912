import { deviceStore } from '../device/device-store';
import { useT } from '../i18n/i18n';
import { UpdateBanner } from '../pwa/UpdateBanner';
import { useStore } from '../state/use-store';
import { DeskLoader } from '../desk/DeskLoader';
import { Header } from './Header';
import { KioskLoader } from '../kiosk/KioskLoader';
import { lazyScreen } from './lazy-screen';

/** Shown once per tablet, before it is enrolled: not part of an enrolled tablet's first load. */
const EnrolScreen = lazyScreen(() => import('../device/EnrolScreen').then((m) => m.EnrolScreen));

export function App() {
  const { t } = useT();
  const state = useStore(deviceStore, (s) => s);
  if (state.phase === 'loading') return null;
  // A kiosk is a different app for visitors: its own header, languages and screens (src/app/kiosk/).
  if (state.device?.kind === 'kiosk') return <KioskLoader device={state.device} />;
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
      {!state.device ? state.storageProblem ? null : <EnrolScreen /> : <DeskLoader device={state.device} />}
    </>
  );
}
