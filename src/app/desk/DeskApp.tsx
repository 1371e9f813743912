import type { ComponentType } from 'preact';
import type { DeviceRecord } from '../db/database';
import { useT } from '../i18n/i18n';
import { useRoute } from '../shell/router';
import { SyncStatusBar } from '../sync/SyncStatusBar';
import { CatchUpTab, FollowUpsScreen, RecordScreen, TodayScreen } from '../visits/DeskScreens';
import { DeviceStatus } from '../device/DeviceStatus';
import { CataloguePage } from '../catalogue/CataloguePage';
import { HelpRequestQueue } from '../help/HelpRequestQueue';

/** The desk tablet's screens, one tab each. A feature adds its screen here. */
interface DeskTab {
  route: string;
  labelKey: string;
  Screen: ComponentType<{ device: DeviceRecord }>;
}

const TABS: DeskTab[] = [
  { route: '/', labelKey: 'desk.tabs.record', Screen: RecordScreen },
  { route: '/today', labelKey: 'desk.tabs.today', Screen: TodayScreen },
  { route: '/follow-ups', labelKey: 'desk.tabs.followUps', Screen: FollowUpsScreen },
  { route: '/catch-up', labelKey: 'desk.tabs.catchUp', Screen: CatchUpTab },
  { route: '/catalogue', labelKey: 'catalogue.tab', Screen: CataloguePage },
  { route: '/help', labelKey: 'help.tab', Screen: HelpRequestQueue },
  { route: '/device', labelKey: 'device.tab', Screen: DeviceStatus },
];

export function DeskApp({ device }: { device: DeviceRecord }) {
  const { t } = useT();
  const route = useRoute();
  const active = TABS.find((tab) => tab.route === route) ?? TABS[0]!;
  return (
    <>
      <SyncStatusBar />
      {TABS.length > 1 ? (
        <nav class="tabs" aria-label={t('desk.tabs.label')}>
          {TABS.map((tab) => (
            <a key={tab.route} href={tab.route === '/' ? '#' : `#${tab.route}`} aria-current={tab === active ? 'page' : undefined}>
              {t(tab.labelKey)}
            </a>
          ))}
        </nav>
      ) : null}
      <main id="main">
        <active.Screen device={device} />
      </main>
    </>
  );
}
