import { useT } from '../i18n/i18n';
import { useStore } from '../state/use-store';
import { applyUpdate, updateStore } from './service-worker';

export function UpdateBanner() {
  const { t } = useT();
  const waiting = useStore(updateStore, (s) => s.waiting);
  if (!waiting) return null;
  return (
    <div class="banner info" role="status">
      <span>{t('update.available')}</span>
      <button type="button" class="secondary" onClick={applyUpdate}>
        {t('update.apply')}
      </button>
    </div>
  );
}
