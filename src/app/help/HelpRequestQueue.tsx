import type { DeviceRecord } from '../db/database';
import { useLiveQuery } from '../db/use-live-query';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import { takeHelpRequest, waitingHelpRequests } from './help-requests';

/**
 * The desk's queue of visitors who asked for a volunteer at a kiosk of this
 * location. "I'll take it" records the take through the outbox, so it also works
 * offline; the other desks drop the request at their next sync. New requests arrive
 * through watchHelpRequests, which DeskApp runs whatever screen is open.
 */
export function HelpRequestQueue(_: { device: DeviceRecord }) {
  const { t, lang } = useT();
  const requests = useLiveQuery(() => waitingHelpRequests(db), []);

  const take = async (id: string) => {
    await takeHelpRequest(db, id);
    void syncEngine.syncNow();
  };

  return (
    <section class="help-queue" aria-labelledby="help-queue-title">
      <h1 id="help-queue-title">{t('help.title')}</h1>
      <p class="hint">{t('help.intro')}</p>
      {requests === undefined ? null : requests.length === 0 ? (
        <p role="status">{t('help.empty')}</p>
      ) : (
        <ul class="help-list">
          {requests.map((r) => (
            <li key={r.id} data-testid="help-request">
              <div class="help-who">
                {r.display
                  ? r.display.kind === 'number'
                    ? t('help.number', { number: r.display.value })
                    : r.display.value
                  : t('help.anonymous')}
              </div>
              <div class="help-what">
                {t(`help.topics.${r.topic}`)} · {t('help.askedAt', { time: formatTime(r.createdAt, lang) })}
              </div>
              <button type="button" class="primary" onClick={() => void take(r.id)}>
                {t('help.take')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
