// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import type { PersistenceState } from '../../src/app/db/durable';
import { DeviceStatus } from '../../src/app/device/DeviceStatus';
import { deviceStore } from '../../src/app/device/device-store';
import { initI18n, setLanguage } from '../../src/app/i18n/i18n';
import { deskDevice } from '../helpers/desk-device';

const device = deskDevice();

const MB = 1024 * 1024;

/** What navigator.storage says on this tablet; undefined for a browser without the StorageManager. */
function browserStorage(storage: Partial<StorageManager> | undefined): void {
  Object.defineProperty(navigator, 'storage', { configurable: true, value: storage });
}

/** The answer to bootDevice's request for persistent storage (undefined while it is not in yet). */
function persistenceAnswer(persistence: PersistenceState | undefined): void {
  deviceStore.setState({ phase: 'ready', device, persistence });
}

beforeAll(async () => {
  await initI18n('nl');
});

afterEach(async () => {
  cleanup();
  browserStorage(undefined);
  await setLanguage('nl');
});

const storageRow = () => screen.getByText('Opslag').nextElementSibling!;

describe('the Tablet tab’s storage facts', () => {
  it.each([
    ['granted', 'Ja, de browser ruimt niets op'],
    ['denied', 'Nee: installeer Inloop als app op het beginscherm'],
    ['unsupported', 'Onbekend (de browser zegt het niet)'],
  ] as const)('shows the browser’s answer %s to persistent storage in Dutch', async (answer, text) => {
    browserStorage({ persisted: async () => answer === 'granted', estimate: async () => ({ usage: 3 * MB, quota: 512 * MB }) });
    persistenceAnswer(answer);
    render(<DeviceStatus device={device} />);
    expect(screen.getByTestId('persistence').textContent).toBe(text);
  });

  it('shows the storage used of the quota in megabytes, formatted the Dutch way', async () => {
    browserStorage({ persisted: async () => true, estimate: async () => ({ usage: 1.5 * MB, quota: 2048 * MB }) });
    persistenceAnswer('granted');
    render(<DeviceStatus device={device} />);
    await screen.findByText('1,5 MB gebruikt van 2.048 MB');
  });

  it('formats the same figures the English way after switching language', async () => {
    browserStorage({ persisted: async () => true, estimate: async () => ({ usage: 1.5 * MB, quota: 2048 * MB }) });
    persistenceAnswer('granted');
    await setLanguage('en');
    render(<DeviceStatus device={device} />);
    await screen.findByText('1.5 MB used of 2,048 MB');
    await waitFor(() => expect(screen.getByTestId('persistence').textContent).toBe('Yes, the browser will not clear it'));
  });

  it('says it does not know when the browser gives no storage figures', async () => {
    browserStorage(undefined);
    persistenceAnswer('unsupported');
    render(<DeviceStatus device={device} />);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let storageFacts() answer
    await waitFor(() => expect(storageRow().textContent).toBe('– gebruikt van –'));
    await waitFor(() => expect(screen.getByTestId('persistence').textContent).toBe('Onbekend (de browser zegt het niet)'));
  });

  it('shows what the browser says while the request for persistence waits for an answer', async () => {
    // Firefox asks the person first; until then bootDevice has no answer, but persisted() has one.
    browserStorage({
      persisted: async () => false,
      persist: () => new Promise<boolean>(() => {}),
      estimate: async () => ({ usage: 0, quota: 100 * MB }),
    });
    persistenceAnswer(undefined);
    render(<DeviceStatus device={device} />);
    await screen.findByText('0 MB gebruikt van 100 MB');
    await waitFor(() => expect(screen.getByTestId('persistence').textContent).toBe('Nee: installeer Inloop als app op het beginscherm'));
  });
});
