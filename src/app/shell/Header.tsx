import { APP_LANGUAGES, setLanguage, useT, type AppLanguage } from '../i18n/i18n';
import type { DeviceRecord } from '../db/database';

export function Header({ device }: { device?: DeviceRecord }) {
  const { t, lang } = useT();
  return (
    <header class="top">
      <div class="brand">
        <span class="logo" aria-hidden="true">
          ◎
        </span>
        <span class="name">{t('app.title')}</span>
        {device ? (
          <span class="place">
            {device.organisation.name} · {device.location.name}
          </span>
        ) : null}
      </div>
      <nav aria-label={t('lang.label')} class="languages">
        {APP_LANGUAGES.map((l: AppLanguage) => (
          <button type="button" key={l} lang={l} aria-pressed={lang === l} onClick={() => void setLanguage(l)}>
            {t(`lang.${l}`)}
          </button>
        ))}
      </nav>
    </header>
  );
}
