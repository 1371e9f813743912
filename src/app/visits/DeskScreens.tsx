import type { DeviceRecord } from '../db/database';
import { FollowUps } from '../referrals/lazy';
import { TodayList } from './TodayList';
import { VisitForm } from './VisitForm';
import { recordForm } from './visit-form-store';
import { useVolunteerId } from './volunteer';

/** The desk's own screens (tabs in src/app/desk/DeskApp.tsx). */

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
      <FollowUps dueOnly />
    </div>
  );
}

export function FollowUpsScreen() {
  return (
    <div class="desk single">
      <FollowUps />
    </div>
  );
}
