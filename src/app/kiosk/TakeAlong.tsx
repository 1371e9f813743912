import { useEffect } from 'preact/hooks';
import { useT } from '../i18n/i18n';
import { loadLocationProfile, locationProfileStore, publicBase } from '../location/location-profile';
import { db } from '../services';
import { QrCode } from '../shell/QrCode';
import { useStore } from '../state/use-store';
import { Icon } from './icons';

/** The finder's address for an item (docs/finder.md: /aanbod/i/<id> leads to its readable page), in the kiosk's language. */
export function finderItemAddress(base: string, itemId: string, lang: string): string {
  return `${base}/aanbod/i/${itemId}${lang === 'nl' ? '' : `?lang=${lang}`}`;
}

/**
 * "Neem dit mee": a QR code the visitor's phone opens to the public finder's page of this
 * item, in the same language, so what they read here goes home with them. The address is
 * the server's public one as last synced (offline too).
 */
export function TakeAlong({ itemId }: { itemId: string }) {
  const { t, lang } = useT();
  const base = useStore(locationProfileStore, (p) => publicBase(p, location.origin));
  useEffect(() => {
    void loadLocationProfile(db);
  }, []);
  return (
    <section class="kiosk-take-along" aria-labelledby="take-along-title">
      <div>
        <h2 id="take-along-title">
          <Icon name="mobile" />
          <span>{t('kiosk.item.takeAlong')}</span>
        </h2>
        <p>{t('kiosk.item.takeAlongHint')}</p>
      </div>
      <QrCode text={finderItemAddress(base, itemId, lang)} title={t('kiosk.item.takeAlongQr')} class="qr kiosk-qr" />
    </section>
  );
}
