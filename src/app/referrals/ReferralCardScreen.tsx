import { useEffect, useRef, useState } from 'preact/hooks';
import { ORGANISATIONS, termLabel } from '../../shared/taxonomy';
import { cardLanguage, referralCard, type CardModel } from '../../shared/referral-card/card';
import type { DeviceRecord } from '../db/database';
import { entriesForRecords } from '../db/outbox';
import { useLiveQuery } from '../db/use-live-query';
import { loadCatalogueChunk } from '../catalogue/lazy';
import { useT } from '../i18n/i18n';
import { locationProfileStore, publicBase } from '../location/location-profile';
import { db } from '../services';
import { QrCode } from '../shell/QrCode';
import { navigate } from '../shell/router';
import { useStore } from '../state/use-store';
import { ReferralCard } from './ReferralCard';
import { APP_CARD_FORMAT, cardT } from './card-texts';
import '../../shared/referral-card/card.css';
import './referral-card.css';

export const CARD_ROUTE = /^\/card\/([0-9a-f-]{36})\/(\d{1,2})\/(\d{1,2})$/;

type Loaded = { kind: 'card'; model: CardModel; code: string } | { kind: 'notFound' } | { kind: 'noCode' };

/** The card's model from the visit on this tablet and the tablet's catalogue: works offline. */
async function loadCard(device: DeviceRecord, visitId: string, question: number, index: number): Promise<Loaded> {
  const visit = await db.visits.get(visitId);
  const referral = visit?.questions[question]?.referrals[index];
  if (!visit || !referral || visit.voided) return { kind: 'notFound' };
  if (!referral.code) return { kind: 'noCode' };
  const lang = cardLanguage(visit.language);
  const target = referral.target;
  let detail;
  if (target.kind === 'catalogue') {
    const chunk = await loadCatalogueChunk();
    await chunk.catalogue.load();
    detail = chunk.catalogue.detail(target.itemId);
  }
  const label =
    target.kind === 'catalogue'
      ? target.label
      : target.kind === 'partner'
        ? termLabel(ORGANISATIONS, target.organisation, lang)
        : target.text;
  const model = referralCard(
    {
      language: visit.language,
      code: referral.code,
      library: device.location.name,
      target: { kind: target.kind, label },
      item: detail?.item,
      organization: detail?.organization,
      locations: detail?.locations ?? [],
      sessions: detail?.upcoming ?? [],
      followUpAt: referral.followUpAt,
    },
    cardT,
    APP_CARD_FORMAT,
  );
  return { kind: 'card', model, code: referral.code };
}

type PrintFormat = 'a6' | 'receipt';

/** Prints the card alone, on an A6 page or an 80 mm receipt (named pages in referral-card.css). */
function printCard(format: PrintFormat): void {
  const root = document.documentElement;
  root.dataset.cardPrint = format;
  const done = () => {
    delete root.dataset.cardPrint;
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/**
 * The referral card for the visitor (#/card/<visit>/<question>/<referral>): printed, shown
 * full screen to photograph, or as a QR code that opens the public card once synced.
 */
export function ReferralCardScreen({ device, route }: { device: DeviceRecord; route: string }) {
  const { t } = useT();
  const [, visitId, q, r] = CARD_ROUTE.exec(route) ?? [];
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [showQr, setShowQr] = useState(true);
  const [full, setFull] = useState(false);
  // The server's public address as last pulled (kept in IndexedDB, so offline too): the visitor's phone opens it.
  const base = useStore(locationProfileStore, (p) => publicBase(p, location.origin));
  const card = useRef<HTMLElement>(null);
  const synced = useLiveQuery(
    async () => (visitId ? !(await entriesForRecords(db, [visitId])).some((e) => e.state === 'pending') : false),
    [visitId],
  );

  useEffect(() => {
    if (!visitId) return setLoaded({ kind: 'notFound' });
    void loadCard(device, visitId, Number(q), Number(r)).then(setLoaded);
  }, [visitId, q, r]);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement === card.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  if (!loaded) return <p role="status">{t('referrals.loading')}</p>;
  if (loaded.kind !== 'card') {
    return (
      <div class="card-screen">
        <p role="alert">{t(`referrals.${loaded.kind}`)}</p>
        <button type="button" class="secondary" onClick={() => history.back()}>
          {t('referrals.back')}
        </button>
      </div>
    );
  }
  const { model, code } = loaded;
  const ct = cardT(model.lang);
  const address = `${base}/verwijzing/${code}${model.lang === 'nl' ? '' : `?lang=${model.lang}`}`;
  const toggleFull = () => {
    const el = card.current;
    if (!el) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (el.requestFullscreen) void el.requestFullscreen().catch(() => setFull((f) => !f));
    else setFull((f) => !f);
  };
  return (
    <div class={`card-screen${full ? ' card-full' : ''}`}>
      <ReferralCard model={model} cardRef={card}>
        {showQr ? (
          <div class="card-qr">
            <QrCode text={address} title={t('referrals.qrTitle')} />
            <p>{synced ? ct('qrHint') : ct('qrPending')}</p>
          </div>
        ) : null}
      </ReferralCard>
      <p class={`card-sync ${synced ? 'synced' : 'pending'}`} role="status">
        {synced ? t('referrals.synced') : t('referrals.pending')}
      </p>
      <div class="card-actions" role="group" aria-label={t('referrals.actions')}>
        <button type="button" class="primary" onClick={() => printCard('a6')}>
          {t('referrals.printA6')}
        </button>
        <button type="button" class="secondary" onClick={() => printCard('receipt')}>
          {t('referrals.printReceipt')}
        </button>
        <button type="button" class="secondary" onClick={toggleFull}>
          {full ? t('referrals.exitFullScreen') : t('referrals.fullScreen')}
        </button>
        <button type="button" class="secondary" aria-pressed={showQr} onClick={() => setShowQr((s) => !s)}>
          {showQr ? t('referrals.hideQr') : t('referrals.showQr')}
        </button>
        <button type="button" class="secondary" onClick={() => (history.length > 1 ? history.back() : navigate('/today'))}>
          {t('referrals.back')}
        </button>
      </div>
    </div>
  );
}
