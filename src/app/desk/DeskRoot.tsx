import type { DeviceRecord } from '../db/database';
import { VolunteerGate } from '../volunteers/VolunteerGate';
import { DeskApp } from './DeskApp';

/** Everything a desk tablet shows once enrolled: the volunteer sign-in, then the desk's screens. */
export function DeskRoot({ device }: { device: DeviceRecord }) {
  return (
    <VolunteerGate device={device}>
      <DeskApp device={device} />
    </VolunteerGate>
  );
}
