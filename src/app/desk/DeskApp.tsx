import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import { useT } from '../i18n/i18n';
import { useRoute } from '../shell/router';
import { SyncStatusBar } from './SyncStatusBar';
import { RecordScreen, TodayScreen } from '../visits/DeskScreens';
import { CataloguePage } from '../catalogue/CataloguePage';
import { lazyScreen } from '../shell/lazy-screen';
import { HELP_QUEUE_ROUTE, HelpWaitingNotice, useWaitingHelpCount } from '../help/HelpWaiting';
import { watchHelpRequests } from '../help/watch-help-requests';
import { db } from '../services';
import { CardPage } from '../referrals/lazy';

/** The desk tablet's screens, one tab each. A feature adds its screen here. */
interface DeskTab {
  route: string;
  labelKey: string;
  Screen: ComponentType<{ device: DeviceRecord }>;
}

// The record screen (the first after sign-in) and Today load with the desk; the other tabs when first opened.
const FollowUpsScreen = lazyScreen<{ device: DeviceRecord }>(() => import('../visits/DeskScreens').then((m) => m.FollowUpsScreen));
const CatchUpTab = lazyScreen<{ device: DeviceRecord }>(() => import('../visits/CatchUpTab').then((m) => m.CatchUpTab));
const HelpRequestQueue = lazyScreen<{ device: DeviceRecord }>(() => import('../help/HelpRequestQueue').then((m) => m.HelpRequestQueue));
const CourseRunsScreen = lazyScreen<{ device: DeviceRecord }>(() => import('../courses/courses-chunk').then((m) => m.CourseRunsScreen));
const DeviceStatus = lazyScreen<{ device: DeviceRecord }>(() => import('../device/DeviceStatus').then((m) => m.DeviceStatus));

const TABS: DeskTab[] = [
  { route: '/', labelKey: 'desk.tabs.record', Screen: RecordScreen },
  { route: '/today', labelKey: 'desk.tabs.today', Screen: TodayScreen },
  { route: '/follow-ups', labelKey: 'desk.tabs.followUps', Screen: FollowUpsScreen },
  { route: '/catch-up', labelKey: 'desk.tabs.catchUp', Screen: CatchUpTab },
  { route: '/catalogue', labelKey: 'catalogue.tab', Screen: CataloguePage },
  { route: HELP_QUEUE_ROUTE, labelKey: 'help.tab', Screen: HelpRequestQueue },
  { route: '/courses', labelKey: 'desk.tabs.courses', Screen: CourseRunsScreen },
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
  // #/card/<visit>/<question>/<referral>: a referral card, opened from a visit's row (not a tab).
  const card = route.startsWith('/card/');
  const active = TABS.find((tab) => tab.route === route) ?? (card ? TABS[1]! : TABS[0]!);
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
                aria-current={tab === active && !card ? 'page' : undefined}
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
        {card ? <CardPage device={device} route={route} /> : <active.Screen device={device} />}
      </main>
    </>
  );
}
