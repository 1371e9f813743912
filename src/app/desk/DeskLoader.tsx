import { lazyScreen } from '../shell/lazy-screen';

/**
 * Loads the desk's code only on a desk, as KioskLoader does for the kiosk, so that
 * neither carries the other's screens in its first download.
 */
export const DeskLoader = lazyScreen(() => import('./DeskRoot').then((m) => m.DeskRoot));
