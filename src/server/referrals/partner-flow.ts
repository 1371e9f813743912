import { TOPICS, termLabel } from '../../shared/taxonomy';
import { normaliseReferralCode, referralCodeSchema, type PartnerReferral, type PartnerStatus } from '../../shared/referrals';
import type { Database } from '../store/database';
import type { PartnerLink } from '../store/partner-links';
import { recordPartnerStatus, referralByCode, type StoredReferral } from '../store/referrals';
import { wrongCodeCounter, type WrongCodeLimits } from './wrong-code-limits';

/** The wrong-code counters of one server: per partner link, and per address (shared with the public card page). */
export function referralLimiters(limits: WrongCodeLimits) {
  return { perLink: wrongCodeCounter(limits.perLinkPerHour), perAddress: wrongCodeCounter(limits.perAddressPerHour) };
}
export type ReferralLimiters = ReturnType<typeof referralLimiters>;

export type LookupOutcome =
  | { kind: 'found'; referral: PartnerReferral; stored: StoredReferral }
  | { kind: 'invalid' }
  | { kind: 'notFound' }
  | { kind: 'limited'; seconds: number };

/** What a partner sees of a stored referral: in Dutch (the item's Dutch name, not the label in the desk's language). */
export function partnerView(r: StoredReferral): PartnerReferral {
  return {
    code: r.code!,
    topic: termLabel(TOPICS, r.topic, 'nl'),
    what: r.itemNameNl ?? r.label,
    referredAt: r.referredAt,
    location: r.locationName,
    status: r.status,
    history: r.history,
  };
}

/**
 * Looks a typed code up for a partner link. While the link or the address is over its
 * limit of wrong codes nothing is looked up at all; a code that matches nothing counts
 * against both. A code of the wrong shape counts too (it is a wrong code all the same).
 */
export async function lookUpForPartner(
  db: Database,
  limiters: ReferralLimiters,
  link: PartnerLink,
  address: string,
  typed: string,
): Promise<LookupOutcome> {
  const wait = Math.max(limiters.perLink.waitSeconds(link.id), limiters.perAddress.waitSeconds(address));
  if (wait > 0) return { kind: 'limited', seconds: wait };
  const code = normaliseReferralCode(typed);
  const found = referralCodeSchema.safeParse(code).success ? await referralByCode(db, code, link) : undefined;
  if (!found) {
    limiters.perLink.fail(link.id);
    limiters.perAddress.fail(address);
    return { kind: code.length === 8 ? 'notFound' : 'invalid' };
  }
  return { kind: 'found', referral: partnerView(found), stored: found };
}

/** Records the partner's answer; the same answer twice in a row is one line of history (a form sent twice). */
export async function markForPartner(
  db: Database,
  limiters: ReferralLimiters,
  link: PartnerLink,
  address: string,
  typed: string,
  status: PartnerStatus,
): Promise<LookupOutcome> {
  const outcome = await lookUpForPartner(db, limiters, link, address, typed);
  if (outcome.kind !== 'found') return outcome;
  const last = outcome.stored.history.at(-1)?.status;
  if (last !== status) await db.transaction((tx) => recordPartnerStatus(tx, outcome.stored, status, link.id));
  const updated = await referralByCode(db, outcome.stored.code!, link);
  return { kind: 'found', referral: partnerView(updated!), stored: updated! };
}
