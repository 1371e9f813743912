// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { UpdateBanner } from '../../src/app/pwa/UpdateBanner';
import { updateStore } from '../../src/app/pwa/service-worker';
import { setBusy } from '../../src/app/pwa/busy';
import { initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';

afterEach(async () => {
  cleanup();
  setBusy('visit-form-record', false);
  await db.outbox.clear();
});

/** A new version never reloads the page under a volunteer: it waits for nothing to be pending and no form open. */
describe('the update prompt', () => {
  it('holds the update back while an entry waits to be sent or a form is open', async () => {
    await initI18n('en');
    updateStore.setState({ waiting: true });
    await db.outbox.add({
      seq: 1,
      recordId: '01900000-0000-7000-8000-0000000000aa',
      type: 'visit.create@1',
      payload: {},
      createdAt: new Date().toISOString(),
      state: 'pending',
    });
    render(<UpdateBanner />);
    const button = await screen.findByRole('button', { name: 'Update now' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    expect(screen.getByText(/once everything is sent and no form is open/)).toBeTruthy();

    await db.outbox.clear(); // sent
    setBusy('visit-form-record', true); // but a visit is being filled in
    await new Promise((r) => setTimeout(r, 50));
    expect((button as HTMLButtonElement).disabled).toBe(true);

    setBusy('visit-form-record', false);
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  });

  it('shows nothing while no new version waits', async () => {
    await initI18n('en');
    updateStore.setState({ waiting: false });
    render(<UpdateBanner />);
    expect(screen.queryByRole('button', { name: 'Update now' })).toBeNull();
  });
});
