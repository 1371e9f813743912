import { useState } from 'preact/hooks';
import { uuidv7 } from '../../shared/ids';
import { HELP_KINDS, OUTCOMES, TOPICS, termLabel, type Term, type TopicId } from '../../shared/taxonomy';
import { DAY_PARTS, MAX_TALLY_COUNT, type DayPart, type TallyDimension } from '../../shared/visit-edits';
import { z } from '../../shared/zod';
import type { DeviceRecord } from '../db/database';
import { StorageError } from '../db/durable';
import { useLiveQuery } from '../db/use-live-query';
import { useT } from '../i18n/i18n';
import { db, syncEngine } from '../services';
import { ChoiceGroup } from '../shell/ChoiceGroup';
import { backdatedVisits } from './desk-data';
import { formatDate, formatDateTime, localDateString } from '../i18n/format';
import { recentTallies, recordTally } from './tally';
import { VisitForm } from './VisitForm';
import { catchUpForm } from './visit-form-store';

/**
 * Catch-up after an outage with paper tally sheets: single visits with their real
 * date and time (marked backdated), or counts per category for a part of a day.
 */
export function CatchUpScreen({ device, volunteerId = null }: { device: DeviceRecord; volunteerId?: string | null }) {
  const { t } = useT();
  const [kind, setKind] = useState<'visit' | 'tally'>('visit');
  return (
    <div class="catch-up">
      <div class="catch-up-intro">
        <h2>{t('desk.catchUp.title')}</h2>
        <p class="hint">{t('desk.catchUp.intro')}</p>
        <ChoiceGroup
          legend={t('desk.catchUp.what')}
          choices={[
            { id: 'visit', label: t('desk.catchUp.kindVisit') },
            { id: 'tally', label: t('desk.catchUp.kindTally') },
          ]}
          value={kind}
          onChange={(id) => setKind(id as 'visit' | 'tally')}
        />
      </div>
      {kind === 'visit' ? (
        <>
          <VisitForm device={device} form={catchUpForm} volunteerId={volunteerId} />
          <BackdatedList />
        </>
      ) : (
        <TallyForm device={device} volunteerId={volunteerId} />
      )}
    </div>
  );
}

/** What was entered afterwards on this tablet, marked as such, with its real date and time. */
function BackdatedList() {
  const { t, lang } = useT();
  const visits = useLiveQuery(() => backdatedVisits(db), []);
  return (
    <section class="today" aria-labelledby="backdated-title">
      <h2 id="backdated-title">{t('desk.catchUp.enteredTitle')}</h2>
      {visits && visits.length === 0 ? <p>{t('desk.catchUp.enteredNone')}</p> : null}
      <ul class="backdated-list">
        {visits?.map((v) => (
          <li key={v.id} class={`backdated${v.voided ? ' edit-voided' : ''}`} data-visit-id={v.id}>
            <strong>{formatDateTime(v.startedAt, lang)}</strong> ·{' '}
            {v.questions.map((q) => `${termLabel(TOPICS, q.topic, lang)} – ${termLabel(OUTCOMES, q.outcome, lang)}`).join('; ')}
            <span class="backdated-mark"> · {t('desk.today.backdated', { date: formatDate(v.startedAt, lang) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Cells = Record<string, Record<string, string>>;

function valuesOf(dimension: TallyDimension): readonly Term[] {
  return dimension === 'help_kind' ? HELP_KINDS : OUTCOMES;
}

function TallyForm({ device, volunteerId }: { device: DeviceRecord; volunteerId: string | null }) {
  const { t, lang } = useT();
  const [date, setDate] = useState(localDateString());
  const [dayPart, setDayPart] = useState<DayPart | undefined>();
  const [dimension, setDimension] = useState<TallyDimension>('help_kind');
  const [rows, setRows] = useState<TopicId[]>([]);
  const [cells, setCells] = useState<Cells>({});
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | undefined>();
  const [saving, setSaving] = useState(false);
  const tallies = useLiveQuery(() => recentTallies(db), []);
  const values = valuesOf(dimension);

  const setCell = (topic: string, value: string, text: string) => setCells((c) => ({ ...c, [topic]: { ...c[topic], [value]: text } }));

  const save = async (event: Event) => {
    event.preventDefault();
    const counts: Array<{ topic: TopicId; value: string; count: number }> = [];
    let bad = false;
    for (const topic of rows) {
      for (const v of values) {
        const raw = (cells[topic]?.[v.id] ?? '').trim();
        if (!raw) continue;
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 0 || n > MAX_TALLY_COUNT) bad = true;
        else counts.push({ topic, value: v.id, count: n });
      }
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > localDateString()) return setMessage({ kind: 'error', text: t('desk.tally.badDate') });
    if (!dayPart) return setMessage({ kind: 'error', text: t('desk.tally.chooseDayPart') });
    if (bad) return setMessage({ kind: 'error', text: t('desk.tally.badCount', { max: MAX_TALLY_COUNT }) });
    if (!counts.length) return setMessage({ kind: 'error', text: t('desk.tally.empty') });
    setSaving(true);
    try {
      await recordTally(db, {
        id: uuidv7(),
        deviceId: device.deviceId,
        locationId: device.location.id,
        volunteerId,
        date,
        dayPart,
        dimension,
        counts,
      });
      setRows([]);
      setCells({});
      setMessage({ kind: 'saved', text: t('desk.tally.saved', { count: counts.reduce((n, c) => n + c.count, 0) }) });
      void syncEngine.syncNow();
    } catch (err) {
      const text =
        err instanceof StorageError
          ? t(`storage.${err.problem}`)
          : err instanceof z.core.$ZodError
            ? t('visit.invalid', { message: err.issues.map((i) => i.message).join('; ') })
            : t('visit.failed', { message: err instanceof Error ? err.message : String(err) });
      setMessage({ kind: 'error', text });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="tally-form visit-form" onSubmit={save} aria-labelledby="tally-title" noValidate>
      <h2 id="tally-title">{t('desk.tally.title')}</h2>
      <label for="tally-date">{t('desk.tally.date')}</label>
      <input
        id="tally-date"
        type="date"
        value={date}
        max={localDateString()}
        onInput={(e) => setDate((e.target as HTMLInputElement).value)}
      />
      <ChoiceGroup
        legend={t('desk.tally.dayPart')}
        choices={DAY_PARTS.map((p) => ({ id: p, label: t(`desk.tally.dayParts.${p}`) }))}
        value={dayPart}
        onChange={(id) => setDayPart(id as DayPart)}
      />
      <ChoiceGroup
        legend={t('desk.tally.dimension')}
        choices={[
          { id: 'help_kind', label: t('desk.tally.byHelpKind') },
          { id: 'outcome', label: t('desk.tally.byOutcome') },
        ]}
        value={dimension}
        onChange={(id) => {
          setDimension(id as TallyDimension);
          setCells({});
        }}
      />
      <ChoiceGroup
        legend={t('desk.tally.addTopic')}
        choices={TOPICS.filter((topic) => !rows.includes(topic.id)).map((topic) => ({
          id: topic.id,
          label: termLabel(TOPICS, topic.id, lang),
        }))}
        value={undefined}
        onChange={(id) => setRows((r) => [...r, id as TopicId])}
      />
      {rows.length ? (
        <table class="tally-table">
          <caption>{t('desk.tally.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('visit.topic')}</th>
              {values.map((v) => (
                <th scope="col" key={v.id}>
                  {termLabel(values, v.id, lang)}
                </th>
              ))}
              <th scope="col">
                <span class="visually-hidden">{t('desk.tally.removeRow')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((topic) => (
              <tr key={topic}>
                <th scope="row">{termLabel(TOPICS, topic, lang)}</th>
                {values.map((v) => (
                  <td key={v.id}>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={MAX_TALLY_COUNT}
                      step={1}
                      aria-label={`${termLabel(TOPICS, topic, lang)} – ${termLabel(values, v.id, lang)}`}
                      value={cells[topic]?.[v.id] ?? ''}
                      onInput={(e) => setCell(topic, v.id, (e.target as HTMLInputElement).value)}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    class="secondary small"
                    aria-label={t('desk.tally.removeOne', { topic: termLabel(TOPICS, topic, lang) })}
                    onClick={() => setRows((r) => r.filter((x) => x !== topic))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="hint">{t('desk.tally.noRows')}</p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('visit.saving') : t('desk.tally.save')}
        </button>
      </div>
      <p role="status" aria-live="polite" class={message?.kind === 'error' ? 'error' : 'saved'}>
        {message?.text}
      </p>
      {tallies && tallies.length ? (
        <>
          <h3>{t('desk.tally.recent')}</h3>
          <ul class="tally-list">
            {tallies.map((tally) => (
              <li key={tally.id}>
                {t('desk.tally.line', {
                  date: formatDate(`${tally.date}T12:00:00`, lang),
                  part: t(`desk.tally.dayParts.${tally.dayPart}`),
                  count: tally.counts.reduce((n, c) => n + c.count, 0),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </form>
  );
}
