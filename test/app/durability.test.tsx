// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { InloopDatabase } from '../../src/app/db/database';
import { probeStorage, StorageError } from '../../src/app/db/durable';
import { bootDevice, deviceStore } from '../../src/app/device/device-store';
import { i18n, initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import { App } from '../../src/app/shell/App';
import { recordVisit } from '../../src/app/visits/record-visit';
import { VisitForm } from '../../src/app/visits/VisitForm';
import { createVisitForm } from '../../src/app/visits/visit-form-store';
import { makeVisit } from '../helpers/visits';
import { deskDevice } from '../helpers/desk-device';

/**
 * The promise of issue 2 and 7: "saved" only after the IndexedDB transaction committed;
 * a full device or a dropped connection says so and loses nothing already saved.
 * Faults are injected where a browser reports them: on the IndexedDB request or transaction
 * underneath Dexie (fake-indexeddb's), not by mocking our own code.
 */

const device = deskDevice();

// fake-indexeddb's own objects, with the parts of them a browser fault touches.
type FakeTransaction = IDBTransaction & {
  error: DOMException | null;
  _execRequestAsync(op: { source: IDBObjectStore; operation: () => unknown }): IDBRequest;
};
type Fault = (store: IDBObjectStore, add: () => IDBRequest) => IDBRequest;

const restores: Array<() => void> = [];

/** The next `times` add()s into one object store fail as `fault` says; later ones go through. */
function failAdds(storeName: string, fault: Fault, times = 1): void {
  const proto = IDBObjectStore.prototype;
  const original = proto.add;
  let left = times;
  proto.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
    if (left > 0 && this.name === storeName) {
      left--;
      return fault(this, () => original.apply(this, args));
    }
    return original.apply(this, args);
  };
  restores.push(() => (proto.add = original));
}

const quotaExceeded = () => new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');
const connectionLost = (name: string) =>
  new DOMException('Connection to Indexed Database server lost. Refresh the page to try again', name);

/** Firefox and Safari: the write request itself fails with a QuotaExceededError DOMException. */
const requestFails =
  (error: () => DOMException): Fault =>
  (store) =>
    (store.transaction as FakeTransaction)._execRequestAsync({
      source: store,
      operation: () => {
        throw error();
      },
    });

/** Chrome: every write succeeds, then the commit aborts the transaction with transaction.error set. */
const commitAborts =
  (error: () => DOMException): Fault =>
  (store, add) => {
    const request = add();
    request.addEventListener('success', () => {
      const tx = store.transaction as FakeTransaction;
      tx.error = error();
      tx.abort();
    });
    return request;
  };

afterEach(() => {
  while (restores.length) restores.pop()!();
});

/** Every visit has its own outbox entry under the same sequence number, and nothing else is stored. */
async function expectWhole(local: InloopDatabase, ids: string[]): Promise<void> {
  const visits = await local.visits.toArray();
  const outbox = await local.outbox.toArray();
  expect(visits.map((v) => v.id).sort()).toEqual([...ids].sort());
  expect(outbox.map((e) => e.recordId).sort()).toEqual([...ids].sort());
  for (const visit of visits) expect(outbox.find((e) => e.seq === visit.seq)?.recordId).toBe(visit.id);
}

let dbCount = 0;
const freshDatabase = () => new InloopDatabase(`durability-${++dbCount}-${Date.now()}`);

const t = (key: string) => i18n.t(key);
const tap = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

/** Fills in the common DigiD visit in the Dutch desk form and presses save. */
function saveVisitInForm(): void {
  render(<VisitForm device={device} form={createVisitForm('new')} />);
  tap('DigiD');
  tap('Beantwoord');
  tap(t('visit.save'));
}

/** Waits for the form's message and checks it is the error, never "saved". */
async function expectFormSays(text: string): Promise<void> {
  await screen.findByText(text);
  // The save button comes back: the form is done, and it said no more than this.
  await waitFor(() => expect(screen.getByRole('button', { name: t('visit.save') })).toBeTruthy());
  expect(screen.queryByText(t('visit.saved'))).toBeNull();
}

beforeAll(async () => {
  await initI18n('nl');
});

beforeEach(async () => {
  cleanup();
  await db.visits.clear();
  await db.outbox.clear();
  await db.meta.clear();
});

const quotaFaults: Array<[string, Fault]> = [
  ['the write request fails with a QuotaExceededError', requestFails(quotaExceeded)],
  ['the commit aborts with a QuotaExceededError (AbortError around it)', commitAborts(quotaExceeded)],
];

describe.each(quotaFaults)('a full tablet: %s', (_, fault) => {
  it('refuses the visit as "storage full" and keeps the two saved before it whole', async () => {
    const local = freshDatabase();
    const kept = [await recordVisit(local, makeVisit(device)), await recordVisit(local, makeVisit(device))];
    // The visit row is written first; the fault hits its outbox entry, the last write of the transaction.
    failAdds('outbox', fault);

    const refused = recordVisit(local, makeVisit(device));
    await expect(refused).rejects.toBeInstanceOf(StorageError);
    await expect(refused).rejects.toMatchObject({ problem: 'quota' });

    await expectWhole(
      local,
      kept.map((v) => v.id),
    );
    // Once there is room again the next visit follows on without a gap in the sequence.
    const next = await recordVisit(local, makeVisit(device));
    expect([...kept, next].map((v) => v.seq)).toEqual([1, 2, 3]);
  });

  it('tells the volunteer in Dutch that the tablet is full and never says "saved"', async () => {
    const kept = [await recordVisit(db, makeVisit(device)), await recordVisit(db, makeVisit(device))];
    failAdds('outbox', fault);

    saveVisitInForm();

    await expectFormSays(
      'Het geheugen van deze tablet is vol. Het bezoek is niet opgeslagen. Maak ruimte vrij en probeer opnieuw; wat al bewaard is blijft bewaard.',
    );
    await expectWhole(
      db,
      kept.map((v) => v.id),
    );
  });
});

const dropped: Array<[string, (local: InloopDatabase) => void]> = [
  ['Dexie finds its database closed (DatabaseClosedError)', (local) => local.close()],
  [
    'Safari aborts the transaction: "Connection to Indexed Database server lost" (UnknownError)',
    () =>
      failAdds(
        'outbox',
        commitAborts(() => connectionLost('UnknownError')),
      ),
  ],
  [
    'the write fails with "Connection to Indexed Database server lost" (InvalidStateError)',
    () =>
      failAdds(
        'visits',
        requestFails(() => connectionLost('InvalidStateError')),
      ),
  ],
];

describe.each(dropped)('a dropped connection: %s', (_, drop) => {
  it('reopens, tries once more and saves the visit exactly once', async () => {
    const local = freshDatabase();
    const first = await recordVisit(local, makeVisit(device));
    drop(local);

    const second = await recordVisit(local, makeVisit(device));

    await expectWhole(local, [first.id, second.id]);
    expect(second.seq).toBe(2);
  });
});

describe('a connection reported lost after the commit went through', () => {
  it('finds the visit on the retry and keeps it once, so the volunteer sees it saved', async () => {
    const local = freshDatabase();
    const first = await recordVisit(local, makeVisit(device));
    const original = local.transaction.bind(local) as (...args: unknown[]) => Promise<unknown>;
    let failed = false;
    (local as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = async (...args: unknown[]) => {
      const result = await original(...args);
      if (!failed) {
        failed = true;
        throw connectionLost('UnknownError');
      }
      return result;
    };
    const input = makeVisit(device);

    const second = await recordVisit(local, input);

    expect(failed).toBe(true);
    expect(second).toMatchObject({ id: input.id, seq: 2 });
    await expectWhole(local, [first.id, input.id]);
  });
});

describe('a connection that stays lost', () => {
  const staysLost = () =>
    failAdds(
      'outbox',
      commitAborts(() => connectionLost('UnknownError')),
      2,
    );

  it('gives up after one retry with a "lost" storage error and writes nothing half', async () => {
    const local = freshDatabase();
    const first = await recordVisit(local, makeVisit(device));
    staysLost();

    await expect(recordVisit(local, makeVisit(device))).rejects.toMatchObject({ name: 'StorageError', problem: 'lost' });

    await expectWhole(local, [first.id]);
    // The reopened database works again for the next visit, with the next number.
    const next = await recordVisit(local, makeVisit(device));
    expect(next.seq).toBe(2);
    await expectWhole(local, [first.id, next.id]);
  });

  it('says in the form that the storage is not responding, not that the visit was saved', async () => {
    const first = await recordVisit(db, makeVisit(device));
    staysLost();

    saveVisitInForm();

    await expectFormSays('De opslag van de browser reageert niet. Het bezoek is niet opgeslagen; herlaad de pagina en probeer opnieuw.');
    await expectWhole(db, [first.id]);
  });
});

describe('a browser that cannot store', () => {
  const privateModeMessage =
    'Deze browser kan niets bewaren (privé-venster?). Bezoeken kunnen hier niet worden opgeslagen. Gebruik een gewoon venster of de geïnstalleerde app.';
  // What Firefox's private mode answers to indexedDB.open().
  const refusal = () =>
    new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');

  /** indexedDB.open() as Firefox's private mode does it: an open request whose error event carries InvalidStateError. */
  function refuseOpening(): void {
    const factory = indexedDB as IDBFactory;
    const original = factory.open;
    factory.open = () => {
      const request = { error: null as DOMException | null, result: undefined, readyState: 'pending' } as unknown as IDBOpenDBRequest &
        Record<string, unknown>;
      setTimeout(() => {
        Object.assign(request, { error: refusal(), readyState: 'done' });
        (request.onerror as ((e: unknown) => void) | null)?.({ type: 'error', target: request, preventDefault() {}, stopPropagation() {} });
      });
      return request;
    };
    restores.push(() => (factory.open = original));
  }

  it('finds no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    restores.push(() => vi.unstubAllGlobals());
    expect(await probeStorage(freshDatabase())).toBe('unavailable');
  });

  it('recognises Firefox’s private mode, whose open fails with InvalidStateError', async () => {
    refuseOpening();
    expect(await probeStorage(freshDatabase())).toBe('unavailable');
  });

  it('still stores in an ordinary window', async () => {
    expect(await probeStorage(freshDatabase())).toBeUndefined();
  });

  it('shows the private-mode message instead of the enrolment or visit form', async () => {
    refuseOpening();
    await bootDevice(freshDatabase());
    while (restores.length) restores.pop()!();

    render(<App />);

    expect((await screen.findByRole('alert')).textContent).toBe(privateModeMessage);
    expect(deviceStore.getState().device).toBeUndefined();
    expect(screen.queryByRole('heading', { name: t('enrol.title') })).toBeNull();
    expect(screen.queryByRole('button', { name: t('visit.save') })).toBeNull();
    expect(document.querySelector('form')).toBeNull();
  });
});
