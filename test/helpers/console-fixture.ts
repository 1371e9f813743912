import type { Database } from '../../src/server/store/database';
import { applyPush } from '../../src/server/store/push';
import { authenticateDevice, createEnrolmentCode, enrolDevice, type AuthenticatedDevice } from '../../src/server/store/devices';
import { createLocation, createOrganisation } from '../../src/server/store/organisations';
import { seedDemoIfEmpty } from '../../src/server/seed/demo';
import { DEMO_LOCATIONS, DEMO_ORGANISATION } from '../../src/server/seed/demo-ids';
import { uuidv7 } from '../../src/shared/ids';
import type { Question, VisitInput } from '../../src/shared/visit';

/**
 * Visits whose dashboard figures are known by construction, pushed through the real
 * sync path. Organisation A is the demo library (Centrale, Noord); organisation B has
 * one branch. The period is 2026-Q3 in Dutch time.
 */
export const PERIOD = { from: '2026-06-30T22:00:00.000Z', to: '2026-09-30T22:00:00.000Z' };
export const ORG_B = { id: '01900000-0000-7000-8000-0000000000b1', name: 'Bibliotheek Anderstad' };
export const ORG_B_LOCATION = { id: '01900000-0000-7000-8000-0000000000b2', name: 'Bibliotheek Anderstad Centrum' };

export interface Fixture {
  deskA: { device: AuthenticatedDevice; token: string };
  deskA2: { device: AuthenticatedDevice; token: string };
  deskB: { device: AuthenticatedDevice; token: string };
  kioskA: { device: AuthenticatedDevice; token: string };
  visitIdsA: string[];
  visitIdsB: string[];
  voidedId: string;
  /** Two open conflicts (a correction based on an outdated version) on visits of organisation A. */
  conflictIds: number[];
}

async function enrol(db: Database, locationId: string, kind: 'desk' | 'kiosk') {
  const { code } = await createEnrolmentCode(db, { locationId, kind });
  const e = (await enrolDevice(db, code))!;
  return { device: (await authenticateDevice(db, e.token))!, token: e.token };
}

const q = (
  topic: Question['topic'],
  organisation: Question['organisation'],
  helpKind: Question['helpKind'],
  outcome: Question['outcome'],
  extra: Partial<Question> = {},
) => ({ topic, organisation, helpKind, outcome, domain: topic === 'course_info' ? 'library' : 'digital_government', ...extra }) as Question;

export async function buildFixture(db: Database): Promise<Fixture> {
  await seedDemoIfEmpty(db);
  await createOrganisation(db, ORG_B);
  await createLocation(db, { ...ORG_B_LOCATION, organisationId: ORG_B.id });
  const deskA = await enrol(db, DEMO_LOCATIONS[0].id, 'desk');
  const deskA2 = await enrol(db, DEMO_LOCATIONS[1].id, 'desk');
  const deskB = await enrol(db, ORG_B_LOCATION.id, 'desk');
  const kioskA = await enrol(db, DEMO_LOCATIONS[0].id, 'kiosk');
  const seqs = new Map<string, number>();
  const push = async (desk: { device: AuthenticatedDevice }, entries: Array<{ type: string; recordId: string; payload: unknown }>) => {
    let seq = seqs.get(desk.device.id) ?? 0;
    const res = await applyPush(db, desk.device, {
      appVersion: 'fixture',
      entries: entries.map((e) => ({ seq: ++seq, createdAt: new Date().toISOString(), ...e })),
    } as never);
    seqs.set(desk.device.id, seq);
    if (res.rejected.length) throw new Error(`fixture rejected: ${JSON.stringify(res.rejected)}`);
  };
  const visit = (desk: { device: AuthenticatedDevice }, startedAt: string, o: Partial<VisitInput>): VisitInput => ({
    id: uuidv7(new Date(startedAt).getTime()),
    deviceId: desk.device.id,
    locationId: desk.device.locationId,
    volunteerId: null,
    startedAt,
    durationSeconds: 600,
    channel: 'walk_in',
    questions: [q('digid', 'logius', 'digital_service', 'answered')],
    ...o,
  });
  const create = (v: VisitInput) => ({ type: 'visit.create@1', recordId: v.id, payload: v });

  const a: VisitInput[] = [];
  // Centrale, Monday 6 July 2026 10:05 (Dutch time): 6 DigiD visits, 2 returning, 4 first-time.
  for (let i = 0; i < 6; i++)
    a.push(visit(deskA, '2026-07-06T08:05:00.000Z', { returning: i < 2, note: i === 0 ? 'Wachtwoord vergeten bij DigiD' : null }));
  // Centrale, Tuesday 7 July 14:40: 3 visits by appointment, 40 min, two questions each.
  for (let i = 0; i < 3; i++)
    a.push(
      visit(deskA, '2026-07-07T12:40:00.000Z', {
        channel: 'appointment',
        durationSeconds: 2400,
        questions: [
          q('tax_return', 'belastingdienst', 'digital_service', 'referred', {
            referrals: [{ target: { kind: 'partner', organisation: 'belastingdienst' }, mode: 'warm' }],
          }),
          q('course_info', 'library', 'skills_course', 'answered'),
        ],
      }),
    );
  const a2: VisitInput[] = [];
  // Noord, Wednesday 12 August 09:10: 2 phone calls, 20 min, referred on paper.
  for (let i = 0; i < 2; i++)
    a2.push(
      visit(deskA2, '2026-08-12T07:10:00.000Z', {
        channel: 'phone',
        durationSeconds: 1200,
        questions: [
          q('allowance', 'toeslagen', 'referral', 'referred', {
            referrals: [{ target: { kind: 'text', text: 'Sociaal wijkteam' }, mode: 'logged' }],
          }),
        ],
      }),
    );
  const voided = visit(deskA2, '2026-08-13T07:10:00.000Z', { channel: 'phone' });
  // Previous period: 4 visits in May; same period last year: 5 visits in August 2025.
  const previous = Array.from({ length: 4 }, () => visit(deskA, '2026-05-15T09:00:00.000Z', { backdated: true }));
  const lastYear = Array.from({ length: 5 }, () => visit(deskA, '2025-08-01T09:00:00.000Z', { backdated: true }));
  const b = Array.from({ length: 7 }, () => visit(deskB, '2026-07-08T09:00:00.000Z', { channel: 'online' }));

  await push(deskA, [...a, ...previous, ...lastYear].map(create));
  await push(deskA2, [...a2, voided].map(create));
  await push(deskA2, [{ type: 'visit.void@1', recordId: voided.id, payload: { visitId: voided.id, baseVersion: 1, reason: 'mistake' } }]);
  await push(deskB, b.map(create));
  // Edits after sync: the first correction applies, a second one based on the same version is a conflict.
  const update = (v: VisitInput, note: string) => ({
    type: 'visit.update@1',
    recordId: v.id,
    payload: { visit: { ...v, note }, baseVersion: 1 },
  });
  await push(deskA, [
    update(a[1]!, 'Eerste correctie'),
    update(a[1]!, 'Tweede correctie'),
    update(a[2]!, 'Eerste correctie'),
    update(a[2]!, 'Tweede correctie'),
  ]);
  const { rows } = await db.query<{ id: number }>('SELECT id FROM visit_conflicts ORDER BY id');
  return {
    deskA,
    deskA2,
    deskB,
    kioskA,
    visitIdsA: [...a, ...a2].map((v) => v.id),
    visitIdsB: b.map((v) => v.id),
    voidedId: voided.id,
    conflictIds: rows.map((r) => Number(r.id)),
  };
}

export const ORG_A = DEMO_ORGANISATION;
