import { CHANNELS, DOMAINS, HELP_KINDS, ORGANISATIONS, OUTCOMES, TOPICS, termLabel, type Term } from '../../shared/taxonomy';

export const TAXONOMY: Record<string, readonly Term[]> = {
  helpKind: HELP_KINDS,
  helpKinds: HELP_KINDS,
  organisation: ORGANISATIONS,
  organisations: ORGANISATIONS,
  topic: TOPICS,
  topics: TOPICS,
  outcome: OUTCOMES,
  outcomes: OUTCOMES,
  channel: CHANNELS,
  channels: CHANNELS,
  domains: DOMAINS,
};

export function label(dimension: string, id: string, lang: string): string {
  const list = TAXONOMY[dimension];
  if (list) return termLabel(list, id, lang);
  if (dimension === 'referrals' && id.startsWith('catalogue:')) return id.slice('catalogue:'.length);
  if (dimension === 'referrals') return termLabel(ORGANISATIONS, id, lang);
  return id;
}
