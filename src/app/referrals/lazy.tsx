import { useEffect, useState } from 'preact/hooks';
import type { DeviceRecord } from '../db/database';
import type { Visit } from '../../shared/visit';
import { useT } from '../i18n/i18n';
import { referralText } from '../visits/ReferralPicker';

/**
 * The desk's first load holds only this: links to the cards and the loader of the lazy
 * referral chunk (the card, the follow-up list and their texts), which the service worker
 * precaches, so it opens offline too.
 */
type Chunk = typeof import('./referrals-chunk');
let chunk: Promise<Chunk> | undefined;

export function loadReferralsChunk(): Promise<Chunk> {
  chunk ??= import('./referrals-chunk')
    .then(async (m) => {
      await m.ensureReferralTexts();
      return m;
    })
    .catch((err: unknown) => {
      chunk = undefined;
      throw err;
    });
  return chunk;
}

function useReferralsChunk(): Chunk | undefined {
  const [loaded, setLoaded] = useState<Chunk | undefined>();
  useEffect(() => {
    void loadReferralsChunk().then(setLoaded);
  }, []);
  return loaded;
}

export function CardPage({ device, route }: { device: DeviceRecord; route: string }) {
  const { t } = useT();
  const m = useReferralsChunk();
  return m ? <m.ReferralCardScreen device={device} route={route} /> : <p role="status">{t('desk.referral.loading')}</p>;
}

export function FollowUps({ dueOnly = false }: { dueOnly?: boolean }) {
  const { t } = useT();
  const m = useReferralsChunk();
  return m ? <m.FollowUpList dueOnly={dueOnly} /> : <p role="status">{t('desk.referral.loading')}</p>;
}

/** "Referral card" links for a visit's referrals that carry a code. */
export function CardLinks({ visit }: { visit: Visit }) {
  const { t, lang } = useT();
  const links = visit.questions.flatMap((q, i) =>
    q.referrals.flatMap((r, j) => (r.code ? [{ href: `#/card/${visit.id}/${i}/${j}`, what: referralText(r, t, lang) }] : [])),
  );
  if (!links.length) return null;
  return (
    <span class="card-links">
      {links.map((l) => (
        <a key={l.href} class="button secondary small" href={l.href} aria-label={t('desk.referral.cardFor', { what: l.what })}>
          {t('desk.referral.card')}
        </a>
      ))}
    </span>
  );
}
