import { setKioskLanguage } from '../i18n/i18n';
import { lazyScreen } from '../shell/lazy-screen';

/** Loads the kiosk's code and texts only on a kiosk, so the desk bundle does not carry it. The kiosk starts in Dutch; its texts come with its code. */
export const KioskLoader = lazyScreen(() => Promise.all([import('./KioskApp'), setKioskLanguage('nl')]).then(([m]) => m.KioskApp));
