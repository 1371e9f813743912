/**
 * Fixed ids of the demo library organisation and its branches, so that the demo
 * catalogue can place courses at the same branches the demo desks belong to.
 */
export const DEMO_ORGANISATION = {
  id: '01900000-0000-7000-8000-000000000001',
  name: 'Bibliotheek Voorbeeldstad (demo)',
} as const;

export const DEMO_LOCATIONS = [
  {
    id: '01900000-0000-7000-8000-000000000011',
    name: 'Centrale Bibliotheek (demo)',
    city: 'Voorbeeldstad',
    address: 'Stationsplein 1 (voorbeeldadres)',
  },
  {
    id: '01900000-0000-7000-8000-000000000012',
    name: 'Wijkbibliotheek Noord (demo)',
    city: 'Voorbeeldstad',
    address: 'Noorderlaan 10 (voorbeeldadres)',
  },
  {
    id: '01900000-0000-7000-8000-000000000013',
    name: 'Wijkbibliotheek Zuid (demo)',
    city: 'Voorbeeldstad',
    address: 'Zuiderweg 5 (voorbeeldadres)',
  },
] as const;
