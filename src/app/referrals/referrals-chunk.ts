// The desk's referral card and follow-up screens: one lazy chunk, loaded on first use.
export { ReferralCardScreen } from './ReferralCardScreen';
export { FollowUpList } from './FollowUpList';
export { ensureReferralTexts } from './card-texts';
