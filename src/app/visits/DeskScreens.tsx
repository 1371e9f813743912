import type { DeviceRecord } from '../db/database';
import { lazyScreen } from '../shell/lazy-screen';
import { FollowUpList } from './FollowUpList';
import { TodayList } from './TodayList';
import { VisitForm } from './VisitForm';
import { recordForm } from './visit-form-store';
import { useVolunteerId } from './volunteer';

/** The desk's own screens (tabs in src/app/desk/DeskApp.tsx). */

// Entering paper sheets afterwards is for after an outage: its code loads when the tab opens.
const CatchUpScreen = lazyScreen(() => import('./CatchUp').then((m) => m.CatchUpScreen));

export function RecordScreen({ device }: { device: DeviceRecord }) {
  const volunteerId = useVolunteerId();
  return (
    <div class="desk">
      <VisitForm device={device} form={recordForm} volunteerId={volunteerId} />
      <TodayList device={device} compact />
    </div>
  );
}

export function TodayScreen({ device }: { device: DeviceRecord }) {
  return (
    <div class="desk">
      <TodayList device={device} />
      <FollowUpList dueOnly />
    </div>
  );
}

export function FollowUpsScreen() {
  return (
    <div class="desk single">
      <FollowUpList />
    </div>
  );
}

export function CatchUpTab({ device }: { device: DeviceRecord }) {
  const volunteerId = useVolunteerId();
  return <CatchUpScreen device={device} volunteerId={volunteerId} />;
}
