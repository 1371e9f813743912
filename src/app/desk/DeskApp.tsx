import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { useT } from '../i18n/i18n';
import { useRoute } from '../shell/router';
import { SyncStatusBar } from './SyncStatusBar';
import { CatchUpTab, FollowUpsScreen, RecordScreen, TodayScreen } from '../visits/DeskScreens';
import { CataloguePage } from '../catalogue/CataloguePage';
import { HelpRequestQueue } from '../help/HelpRequestQueue';
import { HELP_QUEUE_ROUTE, HelpWaitingNotice, useWaitingHelpCount } from '../help/HelpWaiting';
import { watchHelpRequests } from '../help/watch-help-requests';
import { db } from '../services';
import { lazyScreen } from '../shell/lazy-screen';

// The Tablet tab (storage, emergency export) is seldom opened: its code loads when it is.
const DeviceStatus = lazyScreen(() => import('../device/DeviceStatus').then((m) => m.DeviceStatus));

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
  { route: HELP_QUEUE_ROUTE, labelKey: 'help.tab', Screen: HelpRequestQueue },
  { route: '/device', labelKey: 'device.tab', Screen: DeviceStatus },
];

/**
 * Rendered only behind the volunteer gate (DeskRoot), so a locked tablet shows no
 * screen, no tab and no count of waiting visitors, and stops asking for help requests.
 */
export function DeskApp({ device }: { device: DeviceRecord }) {
  const { t } = useT();
  const route = useRoute();
  const waiting = useWaitingHelpCount();
  // A visitor who asked at the kiosk should not wait for the minute-long sync round.
  useEffect(() => watchHelpRequests(db, device), [device.token]); // a new token only on re-enrolment
  const active = TABS.find((tab) => tab.route === route) ?? TABS[0]!;
  const onQueue = active.route === HELP_QUEUE_ROUTE;
  return (
    <>
      <SyncStatusBar />
      {TABS.length > 1 ? (
        <nav class="tabs" aria-label={t('desk.tabs.label')}>
          {TABS.map((tab) => {
            const count = tab.route === HELP_QUEUE_ROUTE ? waiting : 0;
            return (
              <a
                key={tab.route}
                href={tab.route === '/' ? '#' : `#${tab.route}`}
                aria-current={tab === active ? 'page' : undefined}
                aria-label={count > 0 ? t('help.tabWaiting', { count }) : undefined}
              >
                {count > 0 ? t('help.tabWithCount', { count }) : t(tab.labelKey)}
              </a>
            );
          })}
        </nav>
      ) : null}
      <main id="main">
        {/* The queue lists them itself; everywhere else a volunteer recording visits should see someone waits. */}
        {onQueue ? null : <HelpWaitingNotice count={waiting} />}
        <active.Screen device={device} />
      </main>
    </>
  );
}
