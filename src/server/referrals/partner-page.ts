import { PARTNER_STATUSES, formatReferralCode, type PartnerReferral } from '../../shared/referrals';
import { esc } from '../finder/html';
import { pageTranslations } from '../finder/i18n';
import nl from './locales/nl.json' with { type: 'json' };

/**
 * The partner's page (/partner/<secret>): in Dutch, plain HTML forms, no script, no account.
 * A partner types a code, sees what the referral was for and marks what happened.
 */
export const partnerT = pageTranslations({ nl })('nl');

export interface PartnerPageState {
  base: string;
  partner: string;
  cssVersion: string;
  referral?: PartnerReferral;
  message?: { kind: 'error' | 'saved'; text: string };
  typed?: string;
}

function layout(title: string, body: string, cssVersion: string): string {
  return `<!doctype html>
<html lang="nl" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><meta name="robots" content="noindex, nofollow"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/verwijzing/card.css?v=${esc(cssVersion)}"></head>
<body class="card-page partner-page"><main id="main">${body}</main></body></html>`;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

export function partnerPage(state: PartnerPageState): string {
  const t = partnerT;
  const message = state.message ? `<p class="message ${state.message.kind}" role="${state.message.kind === 'error' ? 'alert' : 'status'}">${esc(state.message.text)}</p>` : '';
  const form = `<form method="post" action="${esc(state.base)}" class="partner-lookup">
<p><label for="code">${esc(t('codeLabel'))}</label> <span class="hint" id="code-hint">${esc(t('codeHint'))}</span></p>
<p><input id="code" name="code" value="${esc(state.referral ? '' : (state.typed ?? ''))}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" aria-describedby="code-hint" required>
<button type="submit">${esc(t('look'))}</button></p></form>`;
  const r = state.referral;
  const details = r
    ? `<section class="referral-card" aria-labelledby="referral-title"><h2 id="referral-title">${esc(t('referral', { code: formatReferralCode(r.code) }))}</h2>
<dl><dt>${esc(t('topic'))}</dt><dd>${esc(r.topic)}</dd><dt>${esc(t('what'))}</dt><dd>${esc(r.what)}</dd>
<dt>${esc(t('date'))}</dt><dd>${esc(dateFormat.format(new Date(r.referredAt)))}</dd><dt>${esc(t('location'))}</dt><dd>${esc(r.location)}</dd>
<dt>${esc(t('status'))}</dt><dd class="status">${esc(t(`statuses.${r.status}`))}</dd></dl>
${r.history.length ? `<h3>${esc(t('history'))}</h3><ol class="history">${r.history.map((h) => `<li>${esc(t(`statuses.${h.status}`))}, ${esc(timeFormat.format(new Date(h.at)))}</li>`).join('')}</ol>` : ''}
<form method="post" action="${esc(state.base)}/status"><input type="hidden" name="code" value="${esc(r.code)}">
<fieldset><legend>${esc(t('markLegend'))}</legend><div class="marks">${PARTNER_STATUSES.map((s) => `<button type="submit" name="status" value="${s}">${esc(t(`statuses.${s}`))}</button>`).join('')}</div></fieldset></form>
<p><a href="${esc(state.base)}">${esc(t('another'))}</a></p></section>`
    : '';
  const body = `<h1>${esc(t('title'))}</h1><p>${esc(t('intro', { partner: state.partner }))}</p>${message}${r ? '' : form}${details}`;
  return layout(t('title'), body, state.cssVersion);
}

export function linkRefusedPage(cssVersion: string): string {
  return layout(partnerT('linkRefusedTitle'), `<h1>${esc(partnerT('linkRefusedTitle'))}</h1><p>${esc(partnerT('linkRefused'))}</p>`, cssVersion);
}
