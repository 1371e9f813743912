import { createStore } from 'zustand/vanilla';
import type { Language } from '../../shared/i18n-text';
import type { HelpTopic, KioskTopic } from '../../shared/kiosk';

/** Where the visitor is. The kiosk keeps its own screens (not hash routes), so starting over is one reset. */
export type KioskScreen =
  | { name: 'start' }
  | { name: 'tile'; topic: KioskTopic }
  | { name: 'item'; itemId: string; topic?: KioskTopic }
  | { name: 'interest'; itemId: string; topic?: KioskTopic }
  | { name: 'interestDone'; itemId: string }
  | { name: 'help'; topic?: HelpTopic }
  | { name: 'helpDone'; number?: string; nameGiven?: string }
  | { name: 'search' }
  | { name: 'survey' }
  | { name: 'exit' };

export interface InterestDraft {
  consented: boolean;
  firstName: string;
  contactKind: 'phone' | 'email';
  contact: string;
  /** Shown only after a first try to send. */
  showErrors: boolean;
}

export interface HelpDraft {
  topic?: HelpTopic;
  callBy: 'name' | 'number' | 'none';
  firstName: string;
  /** The number shown on screen when the visitor chose "give me a number". */
  number: string;
}

/** Everything a visitor may have entered or chosen: all of it goes on reset. */
export interface KioskState {
  screen: KioskScreen;
  language: Language;
  highContrast: boolean;
  interest: InterestDraft;
  help: HelpDraft;
  search: string;
  /** Items shown on a tile screen before "show more". */
  tileLimit: number;
  /** A note about reading aloud ("no voice for this language"). */
  speechNote?: 'noVoice' | 'unsupported';
}

export const freshInterest = (): InterestDraft => ({
  consented: false,
  firstName: '',
  contactKind: 'phone',
  contact: '',
  showErrors: false,
});
export const freshHelp = (): HelpDraft => ({ callBy: 'number', firstName: '', number: '' });

export function freshKioskState(): KioskState {
  return {
    screen: { name: 'start' },
    language: 'nl',
    highContrast: false,
    interest: freshInterest(),
    help: freshHelp(),
    search: '',
    tileLimit: 8,
  };
}

export const kioskStore = createStore<KioskState>(() => freshKioskState());

export function go(screen: KioskScreen): void {
  const state = kioskStore.getState();
  kioskStore.setState({
    screen,
    speechNote: undefined,
    tileLimit: screen.name === 'tile' ? state.tileLimit : 8,
    // A form left without sending is forgotten: consent and contact details are given for one sending only.
    ...(state.screen.name === 'interest' && screen.name !== 'interest' ? { interest: freshInterest() } : {}),
    ...(state.screen.name === 'help' && screen.name !== 'help' ? { help: freshHelp() } : {}),
  });
}

/** A two-digit number for the desk to call out, made fresh for each request. */
export function newCallNumber(random: () => number = Math.random): string {
  return String(10 + Math.floor(random() * 90));
}
