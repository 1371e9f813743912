import type { Queryable } from '../database';
import type { AuthenticatedDevice } from '../devices';
import { lockRun, participantInRun } from '../course-runs';

/**
 * Why a desk may not change this run (undefined: it may): the run must exist, be of the
 * desk's location and still be open, and a named participant must be one of its own.
 */
export async function refusedForRun(
  tx: Queryable,
  device: AuthenticatedDevice,
  runId: string,
  participantId?: string,
): Promise<string | undefined> {
  const run = await lockRun(tx, runId);
  if (!run) return 'no such course run';
  if (run.locationId !== device.locationId) return "the course run is at another location than this device's";
  if (run.closed) return 'the course run was closed by a coordinator';
  if (participantId !== undefined && !(await participantInRun(tx, runId, participantId))) return 'no such participant in this course run';
  return undefined;
}
