import { useState } from 'preact/hooks';
import type { ConsoleSession, DeviceList, EnrolCode } from '../../../shared/console';
import { post, useLoad } from '../api';
import { Devices, type NewEnrolment } from './Devices';

/**
 * The devices section's data (#/devices): the tablets with what each last reported, a
 * one-time enrolment code for a new one, revoking one. Routes: src/server/routes/console/devices.ts.
 */
export function DevicesWithData({ session }: { session: ConsoleSession }) {
  const [data, reload] = useLoad<DeviceList>('/devices');
  const [code, setCode] = useState<EnrolCode | null>(null);
  const enrol = async (enrolment: NewEnrolment) => setCode(await post<EnrolCode>('/devices/codes', enrolment));
  const revoke = async (id: string) => {
    await post(`/devices/${id}/revoke`);
    await reload();
  };
  return <Devices session={session} devices={data?.devices ?? []} code={code} onEnrol={enrol} onRevoke={revoke} />;
}
