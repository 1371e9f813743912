// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { i18n, initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import { DeskRoot } from '../../src/app/desk/DeskRoot';
import { handBack, handOver } from '../../src/app/survey/handover';
import { kioskStore } from '../../src/app/kiosk/kiosk-store';
import { lock, volunteerSession } from '../../src/app/volunteers/session';
import { INTEREST_CONSENT_VERSION, type CourseInterest } from '../../src/shared/kiosk';
import { uuidv7 } from '../../src/shared/ids';
import { DEMO_LOCATIONS } from '../../src/server/seed/demo-ids';
import { sampleCourse } from '../helpers/catalogue-items';
import { deskDevice } from '../helpers/desk-device';

const location = { id: DEMO_LOCATIONS[0].id, name: DEMO_LOCATIONS[0].name };
const device = deskDevice({ location });
const anna = { id: uuidv7(), displayName: 'Anna B.', locationId: location.id };
const tablet = sampleCourse({ name: { nl: 'Werken met de tablet', ar: 'العمل على الجهاز اللوحي' } });
const digid = sampleCourse({ name: { nl: 'DigiD aanvragen en gebruiken' }, keywords: ['digid'], themes: ['digital_government'] });
const service = sampleCourse({ kind: 'service', name: { nl: 'Computerspreekuur' } });

beforeAll(async () => {
  await initI18n('nl');
  window.scrollTo = () => undefined;
  await db.volunteers.put({ ...anna, pin: { algorithm: 'pbkdf2-sha256', iterations: 1, salt: '', hash: '' } });
  await db.catalogue.bulkPut([tablet, digid, service].map((item) => ({ id: item.id, entity: 'item' as const, data: item })));
  // No server: whatever the desk sends waits in the outbox.
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('offline');
  });
});
afterEach(async () => {
  cleanup();
  handBack();
  lock(volunteerSession);
  await db.outbox.clear();
});

const ar = (key: string) => i18n.t(key, { lng: 'ar' });
const nl = (key: string) => i18n.t(key, { lng: 'nl' });

/** Answers every question with its first choice, and "yes" to learning more; leaves the comment empty. */
async function answerSurvey(t: (key: string) => string) {
  fireEvent.click(await screen.findByRole('button', { name: t('survey.start') }));
  for (;;) {
    const step = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.survey-screen')?.dataset.step;
      expect(found).toBeTruthy();
      return found!;
    });
    if (step === 'comment') break;
    const choice =
      document.querySelector<HTMLButtonElement>(step === 'learnMore' ? '[data-choice="yes"]' : '.survey-choice') ??
      (() => {
        throw new Error(`no choice on ${step}`);
      })();
    fireEvent.click(choice);
    await waitFor(() => expect(document.querySelector<HTMLElement>('.survey-screen')?.dataset.step).not.toBe(step));
  }
  fireEvent.click(screen.getByRole('button', { name: t('survey.comment.send') }));
  await screen.findByRole('heading', { name: t('survey.thanks.heading') });
}

describe('a "yes" to learning more on the desk handed over', () => {
  it('leaves course interest with consent in Arabic, into the outbox only, and hands back a locked desk', async () => {
    volunteerSession.setState({ volunteer: anna, signedInAt: Date.now() });
    render(<DeskRoot device={device} />);
    const visitId = uuidv7();
    handOver({ visitId, topic: 'device_help' });
    expect(volunteerSession.getState().volunteer).toBeUndefined();

    fireEvent.click(await screen.findByRole('button', { name: 'العربية' }));
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    await answerSurvey(ar);

    fireEvent.click(screen.getByRole('button', { name: ar('survey.thanks.courses') }));
    await screen.findByRole('heading', { name: ar('survey.courses.heading') });
    // Courses only (not the consultation hour), with the Arabic name where the catalogue has one.
    const list = await screen.findByRole('list', { name: ar('kiosk.tile.list') });
    await waitFor(() => expect(list.querySelectorAll('.kiosk-card')).toHaveLength(2));
    expect(list.textContent).not.toContain('Computerspreekuur');
    // Read aloud, as on every screen handed over.
    expect(screen.getByRole('button', { name: ar('survey.readAloud') })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /العمل على الجهاز اللوحي/ }));
    await screen.findByRole('heading', { name: ar('kiosk.interest.heading') });
    // Nothing to type before the consent.
    expect(screen.queryByLabelText(ar('kiosk.interest.firstName'))).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: ar('kiosk.interest.agree') }));
    fireEvent.input(await screen.findByLabelText(ar('kiosk.interest.firstName')), { target: { value: 'Fatima' } });
    fireEvent.input(screen.getByLabelText(ar('kiosk.interest.phoneLabel')), { target: { value: '06 12 34 56 78' } });
    fireEvent.click(screen.getByRole('button', { name: ar('kiosk.interest.send') }));
    await screen.findByRole('heading', { name: ar('kiosk.interest.doneHeading') });

    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => e.type)).toEqual(['survey.create@1', 'interest.create@1']);
    const interest = outbox[1]!.payload as CourseInterest;
    expect(interest).toMatchObject({
      locationId: location.id,
      deviceId: device.deviceId,
      itemId: tablet.id,
      firstName: 'Fatima',
      contact: { kind: 'phone', value: '06 12 34 56 78' },
      consent: true,
      consentVersion: INTEREST_CONSENT_VERSION,
      consentLanguage: 'ar',
    });
    expect(outbox[1]!.recordId).toBe(interest.id);
    // No other copy of the contact: not in the form's draft, not in any table but the outbox.
    expect(kioskStore.getState().interest).toMatchObject({ firstName: '', contact: '', consented: false });

    fireEvent.click(screen.getByRole('button', { name: ar('survey.thanks.handBack') }));
    // The locked desk: the volunteers to sign in, nothing of the survey or the visitor's details.
    await screen.findByText('Anna B.');
    await waitFor(() => expect(document.documentElement.lang).toBe('nl'));
    expect(document.body.textContent).not.toContain('Fatima');
    expect(document.body.textContent).not.toContain('0612345678');
    expect(volunteerSession.getState().volunteer).toBeUndefined();
  });

  it("shows the courses of the visit's topic first, and a phone number the form refuses leaves nothing", async () => {
    volunteerSession.setState({ volunteer: anna, signedInAt: Date.now() });
    render(<DeskRoot device={device} />);
    handOver({ visitId: uuidv7(), topic: 'digid' });
    await answerSurvey(nl);
    fireEvent.click(screen.getByRole('button', { name: nl('survey.thanks.courses') }));
    const list = await screen.findByRole('list', { name: nl('kiosk.tile.list') });
    await waitFor(() => expect(list.querySelectorAll('.kiosk-card')).toHaveLength(2));
    expect(list.querySelector('.kiosk-card-name')?.textContent).toBe('DigiD aanvragen en gebruiken');

    fireEvent.click(screen.getByRole('button', { name: /DigiD aanvragen en gebruiken/ }));
    fireEvent.click(await screen.findByRole('button', { name: nl('kiosk.interest.agree') }));
    fireEvent.input(await screen.findByLabelText(nl('kiosk.interest.firstName')), { target: { value: 'Ans' } });
    fireEvent.input(screen.getByLabelText(nl('kiosk.interest.phoneLabel')), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: nl('kiosk.interest.send') }));
    await screen.findByText(nl('kiosk.interest.errorPhone'));
    // Back to the list, then handed back without sending: only the survey answers wait to be sent.
    fireEvent.click(screen.getByRole('button', { name: nl('kiosk.back') }));
    await screen.findByRole('heading', { name: nl('survey.courses.heading') });
    // Left without sending: forgotten, the consent too, as on the kiosk.
    expect(kioskStore.getState().interest).toMatchObject({ firstName: '', contact: '', consented: false });
    fireEvent.click(screen.getByRole('button', { name: nl('survey.thanks.handBack') }));
    await screen.findByText('Anna B.');
    expect((await db.outbox.toArray()).map((e) => e.type)).toEqual(['survey.create@1']);
    expect(kioskStore.getState().interest).toMatchObject({ firstName: '', contact: '', consented: false });
  });
});
