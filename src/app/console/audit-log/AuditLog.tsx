import type { AuditList } from '../../../shared/console';
import { useT } from '../../i18n/i18n';
import { formatLibraryDateTime } from '../../i18n/format';

/** The audit log as shown: when, who (or the command line), what, on what. Its data: AuditLogWithData.tsx. */
export function AuditLog({ entries }: { entries: AuditList['entries'] | undefined }) {
  const { t, lang } = useT();
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('console.sections.audit')}</h1>
      <table class="console-table">
        <thead>
          <tr>
            <th scope="col">{t('console.inbox.when')}</th>
            <th scope="col">{t('console.audit.who')}</th>
            <th scope="col">{t('console.audit.action')}</th>
            <th scope="col">{t('console.audit.target')}</th>
          </tr>
        </thead>
        <tbody>
          {entries?.map((e) => (
            <tr key={e.id}>
              <td>{formatLibraryDateTime(e.at, lang)}</td>
              <td>{e.user ?? t('console.audit.cli')}</td>
              <td>{e.action}</td>
              <td>{[e.targetType, e.targetId].filter(Boolean).join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
