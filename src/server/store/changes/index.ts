import type { ChangeType } from '../../../shared/sync';
import type { ChangeHandler } from './types';
import { visitCreate } from './visit-create';

/** One handler per versioned change type in shared/sync.ts CHANGE_TYPES. */
export const changeHandlers: Record<ChangeType, ChangeHandler> = {
  'visit.create@1': visitCreate,
};

export function handlerFor(type: string): ChangeHandler | undefined {
  return Object.hasOwn(changeHandlers, type) ? changeHandlers[type as ChangeType] : undefined;
}
