// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import { VisitForm } from '../../src/app/visits/VisitForm';
import { createVisitForm } from '../../src/app/visits/visit-form-store';
import { uuidv7 } from '../../src/shared/ids';
import { deskDevice } from '../helpers/desk-device';

const device = deskDevice();
const volunteerId = uuidv7();

beforeAll(async () => {
  await initI18n('en');
});
afterEach(async () => {
  cleanup();
  await db.visits.clear();
  await db.outbox.clear();
});

const tap = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

describe('the visit form', () => {
  it('records the common case in three taps, with the funder’s fields filled from the topic', async () => {
    render(<VisitForm device={device} form={createVisitForm('new')} volunteerId={volunteerId} />);
    tap('DigiD');
    tap('Answered');
    tap('Save visit');
    await screen.findByText('Saved on this tablet.');
    const [visit] = await db.visits.toArray();
    expect(visit).toMatchObject({
      deviceId: device.deviceId,
      locationId: device.location.id,
      volunteerId,
      channel: 'walk_in',
      language: 'nl',
      backdated: false,
      questions: [
        {
          topic: 'digid',
          organisation: 'logius',
          outcome: 'answered',
          helpKind: 'digital_service',
          domain: 'digital_government',
          actions: [],
          referrals: [],
        },
      ],
    });
    expect((await db.outbox.toArray()).map((e) => e.type)).toEqual(['visit.create@1']);
  });

  it('says what is missing per question and saves nothing', async () => {
    render(<VisitForm device={device} form={createVisitForm('new')} />);
    tap('DigiD');
    tap('+ Another question');
    tap('Tax return');
    tap('Save visit');
    await screen.findByText(/Still to choose: .*Outcome \(question 1\), .*Outcome \(question 2\)/);
    expect(await db.visits.count()).toBe(0);
  });

  it('keeps two questions apart, with an overridden group, actions, a partner referral and a set duration', async () => {
    render(<VisitForm device={device} form={createVisitForm('new')} />);
    tap('Health portal or app');
    tap('Partly answered');
    tap('Digital government'); // override the topic's default group ("other")
    tap('Did it together');
    tap('+ Another question');
    tap('Allowances');
    tap('Referred');
    tap('+ Add a referral');
    const dialog = await screen.findByRole('dialog', { hidden: true });
    fireEvent.click(Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent === 'Benefits Agency (Dienst Toeslagen)')!);
    fireEvent.click(Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent === 'Warm (contact made)')!);
    fireEvent.click(Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent === 'Add referral')!);
    fireEvent.click(screen.getByRole('button', { name: 'Duration 20 minutes' }));
    tap('One minute longer');
    tap('Save visit');
    await screen.findByText('Saved on this tablet.');
    const [visit] = await db.visits.toArray();
    expect(visit!.durationSeconds).toBe(21 * 60);
    expect(visit!.questions).toEqual([
      {
        topic: 'health_portal',
        organisation: 'zorgverlener',
        outcome: 'partly',
        helpKind: 'digital_service',
        domain: 'digital_government',
        actions: ['did_together'],
        referrals: [],
      },
      {
        topic: 'allowance',
        organisation: 'toeslagen',
        outcome: 'referred',
        helpKind: 'referral',
        domain: 'digital_government',
        actions: [],
        // With a code for the visitor's card, made on the tablet.
        referrals: [
          { target: { kind: 'partner', organisation: 'toeslagen' }, mode: 'warm', code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{8}$/) },
        ],
      },
    ]);
  });

  it('refuses a note with a citizen service number before anything is stored', async () => {
    render(<VisitForm device={device} form={createVisitForm('new')} />);
    tap('DigiD');
    tap('Answered');
    fireEvent.input(screen.getByLabelText('Short note (optional)'), { target: { value: 'BSN 111222333' } });
    tap('Save visit');
    await screen.findByText(/This note holds personal data/);
    await waitFor(async () => expect(await db.visits.count()).toBe(0));
    expect(await db.outbox.count()).toBe(0);
  });
});
