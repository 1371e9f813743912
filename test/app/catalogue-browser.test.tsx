// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { initI18n } from '../../src/app/i18n/i18n';
import { db } from '../../src/app/services';
import { CatalogueBrowser } from '../../src/app/catalogue/CatalogueBrowser';
import { demoCatalogue } from '../../src/server/seed/demo-catalogue';
import type { CatalogueItem } from '../../src/shared/catalogue';

beforeAll(async () => {
  await initI18n('en');
  await db.catalogue.bulkPut([
    ...demoCatalogue.organizations.map((o) => ({ id: o.id, entity: 'organization' as const, data: o })),
    ...demoCatalogue.locations.map((l) => ({ id: l.id, entity: 'location' as const, data: l })),
    ...demoCatalogue.items.map((i) => ({ id: i.id, entity: 'item' as const, data: i })),
  ]);
});
afterEach(() => cleanup());

describe('CatalogueBrowser, embedded to pick a referral', () => {
  it('searches, opens a detail and hands the chosen item to onPick', async () => {
    const picked: CatalogueItem[] = [];
    render(<CatalogueBrowser pickLabel="Attach to this visit" onPick={(item) => picked.push(item)} />);
    const search = await screen.findByLabelText('Search courses and help', {}, { timeout: 10_000 });
    fireEvent.input(search, { target: { value: 'digid' } });
    const result = await screen.findByRole('button', { name: 'Details of DigiD help: applying and activating' });
    fireEvent.click(result);
    await screen.findByRole('heading', { name: 'How to sign up' });
    fireEvent.click(screen.getByRole('button', { name: 'Attach to this visit' }));
    expect(picked.map((i) => i.name.nl)).toEqual(['Spreekuur DigiD aanvragen en activeren']);
    // Back to the results, with the search kept.
    fireEvent.click(screen.getByRole('button', { name: /Back to the results/ }));
    await waitFor(() => expect((screen.getByLabelText('Search courses and help') as HTMLInputElement).value).toBe('digid'));
  });

  it('filters with counts, and every control is a labelled button of its own', async () => {
    render(<CatalogueBrowser />);
    await screen.findByLabelText('Search courses and help', {}, { timeout: 10_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Filters' }));
    const free = await screen.findByRole('button', { name: /^Free \(\d+\)$/ });
    const count = Number(/\((\d+)\)/.exec(free.textContent!)![1]);
    fireEvent.click(free);
    await screen.findByText(`${count} results`);
    expect(screen.queryByRole('button', { name: 'Attach to this visit' })).toBeNull();
  });
});
