import type { DomainId, HelpKindId, OrganisationId, OutcomeId, TopicId } from '../../shared/taxonomy';
import type { Referral } from '../../shared/visit';
import type { InloopDatabase, LocalVisit, SyncState } from '../db/database';
import { entriesForRecords } from '../db/outbox';
import { visitsOfToday } from './record-visit';

/** A visit of today with the state of everything this tablet still has to send about it. */
export interface TodayItem {
  visit: LocalVisit;
  /** pending while any change about it waits; rejected when the server refused one (with its reason). */
  sync: SyncState;
  reason?: string;
  edit: 'original' | 'edited' | 'voided';
}

export async function todayItems(db: InloopDatabase, now = new Date()): Promise<TodayItem[]> {
  const visits = await visitsOfToday(db, now);
  const entries = await entriesForRecords(
    db,
    visits.map((v) => v.id),
  );
  return visits.map((visit) => {
    const mine = entries.filter((e) => e.recordId === visit.id);
    const rejected = mine.find((e) => e.state === 'rejected');
    const sync: SyncState = rejected
      ? 'rejected'
      : mine.some((e) => e.state === 'pending')
        ? 'pending'
        : visit.syncState === 'rejected'
          ? 'rejected'
          : 'synced';
    const edit = visit.voided ? 'voided' : (visit.version ?? 1) > 1 ? 'edited' : 'original';
    return { visit, sync, reason: rejected?.reason ?? (sync === 'rejected' ? visit.rejectReason : undefined), edit };
  });
}

/** Counts for the day: voided visits are not counted. */
export function countedOf(items: TodayItem[]): { visits: number; questions: number } {
  const counted = items.filter((i) => !i.visit.voided);
  return { visits: counted.length, questions: counted.reduce((n, i) => n + i.visit.questions.length, 0) };
}

export type FollowUpDue = 'overdue' | 'today' | 'upcoming';

export interface FollowUp {
  visitId: string;
  visitStartedAt: string;
  question: number;
  /** The referral's place in its question. */
  referralIndex: number;
  topic: TopicId;
  organisation: OrganisationId;
  referral: Referral;
  at: string;
  due: FollowUpDue;
}

function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

export function dueOf(at: string, now = new Date()): FollowUpDue {
  const start = startOfDay(now);
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
  const t = new Date(at);
  if (t < start) return 'overdue';
  return t < end ? 'today' : 'upcoming';
}

/** Follow-up appointments set in referrals on this tablet (voided visits left out), soonest first. */
export async function followUps(db: InloopDatabase, now = new Date()): Promise<FollowUp[]> {
  const visits = await db.visits.toArray();
  const found: FollowUp[] = [];
  for (const visit of visits) {
    if (visit.voided) continue;
    visit.questions.forEach((q, i) => {
      q.referrals.forEach((referral, referralIndex) => {
        if (!referral.followUpAt) return;
        found.push({
          visitId: visit.id,
          visitStartedAt: visit.startedAt,
          question: i,
          referralIndex,
          topic: q.topic,
          organisation: q.organisation,
          referral,
          at: referral.followUpAt,
          due: dueOf(referral.followUpAt, now),
        });
      });
    });
  }
  return found.sort((a, b) => a.at.localeCompare(b.at));
}

export interface Combination {
  topic: TopicId;
  organisation: OrganisationId;
  outcome: OutcomeId;
  helpKind: HelpKindId;
  domain: DomainId;
}

export function combinationKey(c: Combination): string {
  return `${c.topic}|${c.organisation}|${c.outcome}|${c.helpKind}|${c.domain}`;
}

/** How many of this tablet's latest visits the most-used order and the recent combinations come from. */
export const USAGE_WINDOW = 300;
/** How many recent combinations the visit form offers. */
export const RECENT_COMBINATIONS = 4;

/** What this tablet records most, to put the most-used choices first and offer recent combinations. */
export interface DeskUsage {
  topics: Partial<Record<string, number>>;
  organisations: Partial<Record<string, number>>;
  outcomes: Partial<Record<string, number>>;
  recent: Combination[];
}

/**
 * Usage counts over this tablet's last `window` visits by start time. A number of visits
 * rather than a period: a quiet desk and a busy one both get a fair sample, and the query
 * stays bounded however long the tablet's history grows. Voided visits were mistakes:
 * they neither count nor take a place in the window.
 *
 * Recent means recorded most recently on this tablet (the outbox sequence), not started
 * most recently: a visit entered afterwards from a paper sheet was just chosen, and the
 * next sheet often repeats it.
 */
export async function deskUsage(db: InloopDatabase, window = USAGE_WINDOW, presets = RECENT_COMBINATIONS): Promise<DeskUsage> {
  const visits = await db.visits
    .orderBy('startedAt')
    .reverse()
    .filter((v) => !v.voided)
    .limit(window)
    .toArray();
  const usage: DeskUsage = { topics: {}, organisations: {}, outcomes: {}, recent: [] };
  for (const visit of visits) {
    for (const q of visit.questions) {
      usage.topics[q.topic] = (usage.topics[q.topic] ?? 0) + 1;
      usage.organisations[q.organisation] = (usage.organisations[q.organisation] ?? 0) + 1;
      usage.outcomes[q.outcome] = (usage.outcomes[q.outcome] ?? 0) + 1;
    }
  }
  const seen = new Set<string>();
  for (const visit of visits.sort((a, b) => b.seq - a.seq)) {
    for (const { topic, organisation, outcome, helpKind, domain } of visit.questions) {
      const combination: Combination = { topic, organisation, outcome, helpKind, domain };
      const key = combinationKey(combination);
      if (seen.has(key)) continue;
      seen.add(key);
      usage.recent.push(combination);
      if (usage.recent.length === presets) return usage;
    }
  }
  return usage;
}

/** A taxonomy list in order of use on this tablet; ties keep the taxonomy's own order. */
export function byUse<T extends { id: string }>(list: readonly T[], counts: Partial<Record<string, number>> | undefined): T[] {
  if (!counts) return [...list];
  return list
    .map((term, i) => ({ term, i, n: counts[term.id] ?? 0 }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((x) => x.term);
}

/** Visits entered afterwards on this tablet (backdated), the most recently saved first. */
export async function backdatedVisits(db: InloopDatabase, limit = 20): Promise<LocalVisit[]> {
  const visits = await db.visits.toArray();
  return visits
    .filter((v) => v.backdated)
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
    .slice(0, limit);
}
