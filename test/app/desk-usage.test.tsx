// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import type { LocalVisit } from '../../src/app/db/database';
import { VisitForm } from '../../src/app/visits/VisitForm';
import { RECENT_COMBINATIONS, USAGE_WINDOW } from '../../src/app/visits/desk-data';
import { recordVisit } from '../../src/app/visits/record-visit';
import { voidVisit } from '../../src/app/visits/edit-visit';
import { createVisitForm } from '../../src/app/visits/visit-form-store';
import { uuidv7 } from '../../src/shared/ids';
import {
  ORGANISATIONS,
  TOPICS,
  TOPIC_DOMAIN,
  TOPIC_ORGANISATION,
  defaultHelpKind,
  type OutcomeId,
  type TopicId,
} from '../../src/shared/taxonomy';
import type { Question } from '../../src/shared/visit';
import { deskDevice } from '../helpers/desk-device';

/**
 * The desk's shortcuts (issue 4): the topics and organisations this tablet records most
 * come first, and the latest distinct combinations are one tap away.
 */
const device = deskDevice();

beforeAll(async () => {
  await initI18n('en');
});
afterEach(async () => {
  cleanup();
  await db.visits.clear();
  await db.outbox.clear();
});

/** A question as the form fills it from a topic and an outcome, with optional overrides. */
function question(topic: TopicId, outcome: OutcomeId = 'answered', extra: Partial<Question> = {}): Question {
  return {
    topic,
    organisation: TOPIC_ORGANISATION[topic] ?? 'other',
    outcome,
    helpKind: defaultHelpKind(topic, outcome),
    domain: TOPIC_DOMAIN[topic],
    actions: [],
    referrals: [],
    ...extra,
  };
}

/** Visits of today, a second apart in the order given (the last one newest). */
async function recordInOrder(visits: Question[][]): Promise<string[]> {
  const first = Date.now() - (visits.length + 1) * 1000;
  const ids: string[] = [];
  for (const [i, questions] of visits.entries()) {
    const saved = await recordVisit(db, {
      id: uuidv7(),
      deviceId: device.deviceId,
      locationId: device.location.id,
      volunteerId: null,
      startedAt: new Date(first + i * 1000).toISOString(),
      durationSeconds: 600,
      channel: 'walk_in',
      questions,
    });
    ids.push(saved.id);
  }
  return ids;
}

const group = (name: string) => within(screen.getByRole('group', { name }));
const labels = (buttons: HTMLElement[]) => buttons.map((b) => b.textContent);
const topicButtons = () => labels(group('What was the question about?').getAllByRole('button'));
const organisationButtons = () => labels(group('Which organisation?').getAllByRole('button'));
const presetButtons = () => labels(group('Recently used (one tap)').getAllByRole('button'));
const tap = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

function showForm() {
  render(<VisitForm device={device} form={createVisitForm('new')} />);
}

describe('most-used choices first', () => {
  it('lists topics and organisations by how often this tablet recorded them, ties in the taxonomy’s order', async () => {
    // Allowances recorded before tax returns, and as often: the tie still goes to the taxonomy's order.
    await recordInOrder([
      [question('allowance')],
      [question('allowance'), question('banking')],
      [question('tax_return')],
      [question('banking')],
      [question('tax_return')],
      [question('banking')],
      [question('digid')],
    ]);
    showForm();
    const mostUsed = ['Online banking', 'Tax return', 'Allowances', 'DigiD'];
    await waitFor(() => expect(topicButtons().slice(0, 4)).toEqual(mostUsed));
    const rest = TOPICS.map((t) => t.en).filter((label) => !mostUsed.includes(label));
    await waitFor(() => expect(topicButtons()).toEqual([...mostUsed, ...rest]));

    // Bank 3, then Belastingdienst and Toeslagen with 2 each (taxonomy order), then Logius.
    const orgs = ['Bank', 'Tax Administration (Belastingdienst)', 'Benefits Agency (Dienst Toeslagen)', 'DigiD / MijnOverheid (Logius)'];
    expect(organisationButtons()).toEqual([...orgs, ...ORGANISATIONS.map((o) => o.en).filter((label) => !orgs.includes(label))]);
  });

  it('keeps the taxonomy’s order on a tablet that has recorded nothing yet', async () => {
    showForm();
    await waitFor(() => expect(topicButtons()).toEqual(TOPICS.map((t) => t.en)));
    await waitFor(() => expect(organisationButtons()).toEqual(ORGANISATIONS.map((o) => o.en)));
  });

  it('moves a topic up as soon as a saved visit makes it the most used', async () => {
    await recordInOrder([[question('digid')]]);
    showForm();
    await waitFor(() => expect(topicButtons()[0]).toBe('DigiD'));
    await recordInOrder([[question('job_seeking')], [question('job_seeking')]]);
    await waitFor(() => expect(topicButtons().slice(0, 2)).toEqual(['Job seeking', 'DigiD']));
  });

  it(`counts only the last ${USAGE_WINDOW} visits of this tablet that still count (voided ones left out)`, async () => {
    // Written straight to the table: recording each one through the form would only make this slow.
    const start = Date.parse('2025-03-03T09:00:00Z');
    const stored = (i: number, topic: TopicId, voided = false): LocalVisit =>
      ({
        id: uuidv7(start + i * 60_000),
        deviceId: device.deviceId,
        locationId: device.location.id,
        volunteerId: null,
        startedAt: new Date(start + i * 60_000).toISOString(),
        durationSeconds: 600,
        channel: 'walk_in',
        returning: null,
        language: 'nl',
        note: null,
        backdated: false,
        questions: [question(topic)],
        seq: i + 1,
        syncState: 'synced',
        savedAt: new Date(start + i * 60_000).toISOString(),
        version: voided ? 2 : 1,
        ...(voided ? { voided: true, voidReason: 'mistake' } : {}),
      }) as LocalVisit;
    // Within the window digid and banking are level (150 each), so the tie goes to DigiD,
    // the taxonomy's first; the oldest visit, banking, is just outside and would tip it.
    const visits = [stored(0, 'banking')];
    for (let i = 1; i <= USAGE_WINDOW; i++) visits.push(stored(i, i % 2 ? 'digid' : 'banking'));
    await db.visits.bulkAdd(visits);
    showForm();
    await waitFor(() => expect(topicButtons().slice(0, 2)).toEqual(['DigiD', 'Online banking']));
    cleanup();

    // A newer visit that was voided neither counts nor takes a place in the window.
    await db.visits.put(stored(USAGE_WINDOW + 1, 'digid', true));
    showForm();
    await waitFor(() => expect(topicButtons().slice(0, 2)).toEqual(['DigiD', 'Online banking']));
    cleanup();

    // A newer visit that counts pushes the oldest digid of the window out: banking leads.
    await db.visits.put(stored(USAGE_WINDOW + 2, 'other'));
    showForm();
    await waitFor(() => expect(topicButtons().slice(0, 2)).toEqual(['Online banking', 'DigiD']));
  });
});

describe('recent combinations, one tap away', () => {
  it(`shows the ${RECENT_COMBINATIONS} latest distinct combinations, newest first, leaving out voided visits`, async () => {
    const [, , , , , mistake] = await recordInOrder([
      [question('digid')],
      [question('tax_return')],
      [question('digid')], // again: shown once, where it was used last
      [question('allowance', 'referred')],
      [question('banking', 'partly'), question('pension')],
      [question('fines')], // voided below
    ]);
    await voidVisit(db, mistake!, 'mistake');
    showForm();
    await waitFor(() =>
      expect(presetButtons()).toEqual([
        'Online banking – Bank – Partly answered',
        'State pension and pension – SVB (state pension, child benefit) – Answered',
        'Allowances – Benefits Agency (Dienst Toeslagen) – Referred',
        'DigiD – DigiD / MijnOverheid (Logius) – Answered',
      ]),
    );
  });

  it('counts a visit entered afterwards from a paper sheet as recent: it was just chosen on this tablet', async () => {
    await recordInOrder([[question('digid')]]);
    await recordVisit(db, {
      id: uuidv7(),
      deviceId: device.deviceId,
      locationId: device.location.id,
      volunteerId: null,
      startedAt: new Date(Date.now() - 3 * 24 * 3600_000).toISOString(),
      durationSeconds: 600,
      channel: 'walk_in',
      backdated: true,
      questions: [question('study_finance')],
    });
    showForm();
    await waitFor(() =>
      expect(presetButtons()).toEqual(['Student finance – DUO (education) – Answered', 'DigiD – DigiD / MijnOverheid (Logius) – Answered']),
    );
  });

  it('fills the question in one tap and saves exactly that combination, overridden kind of help and group included', async () => {
    const chosen = question('health_portal', 'partly', {
      organisation: 'gemeente',
      helpKind: 'provider_info',
      domain: 'digital_government',
    });
    await recordInOrder([[chosen], [question('health_portal', 'partly')]]);
    showForm();
    // The two differ only in kind of help and group, so the buttons must say so.
    await waitFor(() => expect(presetButtons()).toHaveLength(2));
    const [plain, overridden] = presetButtons();
    expect(plain).toBe('Health portal or app – GP, hospital or pharmacy – Partly answered');
    expect(overridden).toBe(
      'Health portal or app – Municipality – Partly answered – General information on a provider – Digital government',
    );

    tap(overridden!);
    tap('Save visit');
    await screen.findByText('Saved on this tablet.');
    const newest = (await db.visits.toArray()).sort((a, b) => b.seq - a.seq)[0]!;
    expect(newest.questions).toEqual([chosen]);
  });

  it('after a tap, changing the outcome gives the kind of help a fresh choice would', async () => {
    await recordInOrder([[question('digid')]]);
    showForm();
    await waitFor(() => expect(presetButtons()).toHaveLength(1));
    tap('DigiD – DigiD / MijnOverheid (Logius) – Answered');
    tap('Referred');
    tap('Save visit');
    await screen.findByText('Saved on this tablet.');
    const newest = (await db.visits.toArray()).sort((a, b) => b.seq - a.seq)[0]!;
    expect(newest.questions).toEqual([question('digid', 'referred')]);
    expect(newest.questions[0]!.helpKind).toBe('referral');
  });

  it('offers no recent combinations on a tablet that has recorded nothing yet', async () => {
    showForm();
    await waitFor(() => expect(topicButtons()).toHaveLength(TOPICS.length));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Recently used (one tap)' })).toBeNull());
  });
});
