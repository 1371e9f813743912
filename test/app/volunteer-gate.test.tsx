// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import { VolunteerGate } from '../../src/app/volunteers/VolunteerGate';
import { createSessionStore, currentVolunteer } from '../../src/app/volunteers/session';
import { VOLUNTEERS_SYNCED_AT } from '../../src/app/volunteers/volunteer-sync';
import { PrivacyCheckedTextarea } from '../../src/app/privacy/PrivacyCheckedTextarea';
import { hashPin } from '../../src/server/store/volunteers';
import { uuidv7 } from '../../src/shared/ids';
import { useState } from 'preact/hooks';
import { deskDevice } from '../helpers/desk-device';

const location = { id: uuidv7(), name: 'Centrale Bibliotheek (demo)' };
const device = deskDevice({ location });
const anna = { id: uuidv7(), displayName: 'Anna B.', pin: '2580' };
const karim = { id: uuidv7(), displayName: 'Karim E.', pin: '1357' };

beforeAll(async () => {
  await initI18n('en');
  for (const v of [anna, karim]) {
    await db.volunteers.put({ id: v.id, displayName: v.displayName, locationId: location.id, pin: await hashPin(v.pin, 1_000) });
  }
  await db.meta.put({ key: VOLUNTEERS_SYNCED_AT, value: new Date().toISOString() });
});
afterEach(async () => {
  cleanup();
  await db.pinAttempts.clear();
});

function desk(session = createSessionStore(), forDevice = device) {
  render(
    <VolunteerGate device={forDevice} session={session}>
      <p>Visit data of today</p>
    </VolunteerGate>,
  );
  return session;
}

const press = (digits: string) => {
  for (const d of digits) fireEvent.click(screen.getByRole('button', { name: `Digit ${d}` }));
};

describe('the volunteer gate on a desk tablet', () => {
  it('shows no visit data until a volunteer picks their name and types the PIN on the pad', async () => {
    const session = desk();
    expect(await screen.findByRole('heading', { name: 'Who are you?' })).toBeTruthy();
    expect(screen.queryByText('Visit data of today')).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Anna B.' }));
    expect(screen.getByRole('heading', { name: 'PIN for Anna B.' })).toBeTruthy();
    const signIn = screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement;
    press('25');
    expect(signIn.disabled).toBe(true);
    press('8');
    fireEvent.click(screen.getByRole('button', { name: 'Delete last digit' }));
    press('80');
    expect((screen.getByLabelText('PIN') as HTMLInputElement).value).toBe('2580');
    fireEvent.click(signIn);
    expect(await screen.findByText('Visit data of today')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('signed-in-volunteer').textContent).toBe('Signed in: Anna B.'));
    expect(currentVolunteer(session)?.id).toBe(anna.id);

    fireEvent.click(screen.getByRole('button', { name: 'Lock / switch volunteer' }));
    expect(await screen.findByText(/The tablet is locked/)).toBeTruthy();
    expect(screen.queryByText('Visit data of today')).toBeNull();
    expect(currentVolunteer(session)).toBeUndefined();
  });

  it('takes the PIN from a keyboard too, and Enter signs in', async () => {
    desk();
    fireEvent.click(await screen.findByRole('button', { name: 'Karim E.' }));
    const input = screen.getByLabelText('PIN') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '13a57' } });
    expect(input.value).toBe('1357');
    fireEvent.submit(input.form!);
    expect(await screen.findByText('Visit data of today')).toBeTruthy();
  });

  it('says how many tries are left, then makes the volunteer wait with a countdown', async () => {
    desk();
    fireEvent.click(await screen.findByRole('button', { name: 'Anna B.' }));
    const wrong = async (pin: string) => {
      await waitFor(() => expect((screen.getByRole('button', { name: 'Digit 1' }) as HTMLButtonElement).disabled).toBe(false));
      press(pin);
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    };
    await wrong('9999');
    expect(await screen.findByText('Wrong PIN. 2 tries left, then you will have to wait a moment.')).toBeTruthy();
    await wrong('9998');
    expect(await screen.findByText('Wrong PIN. 1 try left, then you will have to wait a moment.')).toBeTruthy();
    press('9997');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Wrong PIN\. Try again in (30|29) seconds\./)).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Digit 2' }) as HTMLButtonElement).disabled).toBe(true));
    await waitFor(() => expect(screen.getByText(/The coordinator can set a new one/)).toBeTruthy());
    expect(screen.queryByText('Visit data of today')).toBeNull();

    // Picking the name again (or reloading) does not reset the wait: it is kept in IndexedDB.
    fireEvent.click(screen.getByRole('button', { name: 'Pick another name' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Anna B.' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Digit 2' }) as HTMLButtonElement).disabled).toBe(true));
    await waitFor(() => expect(screen.getByText(/Try again in \d+ seconds/)).toBeTruthy());
  });

  it('says plainly when the location has no volunteers yet', async () => {
    desk(createSessionStore(), { ...device, location: { id: uuidv7(), name: 'Wijkbibliotheek Zuid (demo)' } });
    expect(
      await screen.findByText(/No volunteers have been added for Wijkbibliotheek Zuid \(demo\) yet\. Ask the coordinator/),
    ).toBeTruthy();
  });

  it('lets a kiosk through: it has no volunteers', async () => {
    desk(createSessionStore(), { ...device, kind: 'kiosk' });
    expect(screen.getByText('Visit data of today')).toBeTruthy();
  });
});

describe('the privacy-checked note', () => {
  function Note() {
    const [value, setValue] = useState('');
    return <PrivacyCheckedTextarea id="note" label="Short note" value={value} onInput={setValue} />;
  }

  it('says what it found as the volunteer types, and removes it on request', async () => {
    render(<Note />);
    const note = screen.getByLabelText('Short note') as HTMLTextAreaElement;
    fireEvent.input(note, { target: { value: 'DigiD aangevraagd, bel 06-12345678 of mail jan@example.nl' } });
    expect(await screen.findByText('“06-12345678” looks like a phone number.')).toBeTruthy();
    expect(screen.getByText('“jan@example.nl” looks like an e-mail address.')).toBeTruthy();
    expect(note.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Remove “06-12345678”' }));
    await waitFor(() => expect(note.value).toBe('DigiD aangevraagd, bel of mail jan@example.nl'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove “jan@example.nl”' }));
    await waitFor(() => expect(note.value).toBe('DigiD aangevraagd, bel of mail'));
    expect(screen.queryByText(/looks like/)).toBeNull();
    expect(note.getAttribute('aria-invalid')).toBeNull();
  });
});
