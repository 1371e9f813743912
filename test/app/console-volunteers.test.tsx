// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { VolunteersWithData } from '../../src/app/console/volunteers/VolunteersWithData';
import { Volunteers } from '../../src/app/console/volunteers/Volunteers';
import type { ConsoleSession, VolunteerList } from '../../src/shared/console';
import { loadConsoleTexts } from '../helpers/console-texts';

const CENTRAL = '01900000-0000-7000-8000-000000000101';
const BRANCH = '01900000-0000-7000-8000-000000000102';
const session: ConsoleSession = {
  user: {
    id: '01900000-0000-7000-8000-000000000901',
    email: 'coord@bieb.test',
    role: 'coordinator',
    organisationId: '01900000-0000-7000-8000-000000000001',
  },
  csrfToken: 'csrf',
  locations: [
    { id: CENTRAL, name: 'Centrale', organisationId: '01900000-0000-7000-8000-000000000001', organisationName: 'Bieb' },
    { id: BRANCH, name: 'Noord', organisationId: '01900000-0000-7000-8000-000000000001', organisationName: 'Bieb' },
  ],
};
type Volunteer = VolunteerList['volunteers'][number];
const anna: Volunteer = {
  id: '01900000-0000-7000-8000-000000000301',
  locationId: CENTRAL,
  locationName: 'Centrale',
  displayName: 'Anna B.',
  active: true,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The console's server for this section: the volunteers, and adding one (refusing a PIN too easy to guess). */
function fakeServer(volunteers: Volunteer[]) {
  const added: unknown[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (init.method === 'POST' && url === '/api/console/volunteers') {
      const body = JSON.parse(String(init.body)) as { locationId: string; displayName: string; pin: string };
      added.push(body);
      if (body.pin === '1234') return json({ error: 'invalid_volunteer', message: 'this PIN is too easy to guess; choose another' }, 400);
      const id = `01900000-0000-7000-8000-00000000030${volunteers.length + 1}`;
      volunteers = [
        ...volunteers,
        {
          id,
          locationId: body.locationId,
          locationName: body.locationId === BRANCH ? 'Noord' : 'Centrale',
          displayName: body.displayName,
          active: true,
        },
      ];
      return json({ id });
    }
    return json({ volunteers });
  });
  return added;
}

function fillIn(location: string, name: string, pin: string) {
  fireEvent.change(screen.getByLabelText('Location'), { target: { value: location } });
  fireEvent.input(screen.getByLabelText('Name (short, e.g. Anna B.)'), { target: { value: name } });
  fireEvent.input(screen.getByLabelText('PIN (4 to 8 digits)'), { target: { value: pin } });
  fireEvent.click(screen.getByRole('button', { name: 'Add volunteer' }));
}

beforeAll(() => loadConsoleTexts('en'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the console adds a volunteer', () => {
  it('sends the location, name and PIN, empties the form, says so and lists the new volunteer', async () => {
    const added = fakeServer([anna]);
    render(<VolunteersWithData session={session} />);
    await screen.findByText('Anna B.');
    fillIn(BRANCH, 'Bram K.', '2468');
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Volunteer added.');
    const row = (await screen.findByText('Bram K.')).closest('tr')!;
    expect(within(row).getByText('Noord')).toBeTruthy();
    expect(added).toEqual([{ locationId: BRANCH, displayName: 'Bram K.', pin: '2468' }]);
    expect((screen.getByLabelText('Name (short, e.g. Anna B.)') as HTMLInputElement).value).toBe('');
  });

  it("shows the server's reason for a refused volunteer and keeps what was typed", async () => {
    fakeServer([anna]);
    render(<VolunteersWithData session={session} />);
    await screen.findByText('Anna B.');
    fillIn(CENTRAL, 'Cor D.', '1234');
    expect(await screen.findByText('this PIN is too easy to guess; choose another')).toBeTruthy();
    expect((screen.getByLabelText('Name (short, e.g. Anna B.)') as HTMLInputElement).value).toBe('Cor D.');
    expect(screen.queryByText('Cor D.', { selector: 'td' })).toBeNull();
  });

  it('shows a deactivated volunteer without the buttons, from the list it is given (no server)', () => {
    const onDeactivate = vi.fn();
    render(
      <Volunteers
        session={session}
        volunteers={[anna, { ...anna, id: '01900000-0000-7000-8000-000000000309', displayName: 'Dirk E.', active: false }]}
        status={null}
        onAdd={vi.fn()}
        onSetPin={vi.fn()}
        onDeactivate={onDeactivate}
      />,
    );
    const [annaRow, dirkRow] = screen.getAllByRole('row').slice(1);
    expect(within(dirkRow!).getByText('Deactivated')).toBeTruthy();
    expect(within(dirkRow!).queryByRole('button')).toBeNull();
    fireEvent.click(within(annaRow!).getByRole('button', { name: 'Deactivate' }));
    expect(onDeactivate).toHaveBeenCalledWith(anna.id);
  });
});
