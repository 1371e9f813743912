import type { CatalogueChange, CatalogueImportAnswer } from '../../../shared/catalogue-import';
import { useT } from '../../i18n/i18n';

const LIST_AT_MOST = 30;

function Changes({ title, list }: { title: string; list: CatalogueChange[] }) {
  const { t } = useT();
  if (!list.length) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul>
        {list.slice(0, LIST_AT_MOST).map((c) => (
          <li key={`${c.entity}:${c.id}`}>
            {t(`console.catalogue.report.entity.${c.entity}`)}: {c.name || c.id}
            {c.fields?.length ? ` (${c.fields.join(', ')})` : ''}
          </li>
        ))}
        {list.length > LIST_AT_MOST ? <li>{t('console.catalogue.report.more', { count: list.length - LIST_AT_MOST })}</li> : null}
      </ul>
    </>
  );
}

/**
 * What an import did, or (dry run) would do: the changes item by item, the problems that stop it,
 * what the file holds that Inloop cannot keep, and what it keeps for the export without showing it.
 */
export function CatalogueImportReportView({ answer }: { answer: CatalogueImportAnswer }) {
  const { t, lang } = useT();
  const n = (v: number) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(v);
  const { changes } = answer;
  const heading = !answer.ok
    ? t('console.catalogue.refused')
    : answer.dryRun
      ? t('console.catalogue.report.dryRun', { packaging: answer.packaging })
      : t('console.catalogue.imported');
  return (
    <div role="status">
      <p>{heading}</p>
      {answer.problems.length ? (
        <>
          <h4>{t('console.catalogue.report.problems', { count: answer.problems.length })}</h4>
          <ul>
            {answer.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          {t('console.catalogue.report.summary', {
            added: n(changes.added.length),
            changed: n(changes.changed.length),
            removed: n(changes.removed.length),
            unchanged: n(changes.unchanged),
          })}
        </p>
      )}
      <Changes title={t('console.catalogue.report.added')} list={changes.added} />
      <Changes title={t('console.catalogue.report.changed')} list={changes.changed} />
      <Changes title={t('console.catalogue.report.removed')} list={changes.removed} />
      {answer.notKept.length ? (
        <>
          <h4>{t('console.catalogue.report.notKept')}</h4>
          <ul>
            {answer.notKept.map((k) => (
              <li key={k.field + k.reason}>
                {k.field}: {n(k.count)} ({k.reason})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {answer.keptNotShown.length ? (
        <>
          <h4>{t('console.catalogue.report.keptNotShown')}</h4>
          <p>{answer.keptNotShown.map((k) => `${k.field} (${n(k.count)})`).join(', ')}</p>
        </>
      ) : null}
      {answer.notes.length ? (
        <>
          <h4>{t('console.catalogue.report.notes')}</h4>
          <ul>
            {answer.notes.slice(0, LIST_AT_MOST).map((x) => (
              <li key={`${x.row}|${x.field}|${x.reason}`}>
                {x.row}, {x.field}: {x.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
