import type { DeviceRecord } from '../db/database';
import { CatchUpScreen } from './CatchUp';
import { useVolunteerId } from './volunteer';

/** The catch-up tab (a lazy chunk: see DeskApp.tsx): visits and tallies entered afterwards from a paper sheet. */
export function CatchUpTab({ device }: { device: DeviceRecord }) {
  const volunteerId = useVolunteerId();
  return <CatchUpScreen device={device} volunteerId={volunteerId} />;
}
