import { LIBRARY_TIME_ZONE } from '../../shared/library-clock';
import { PARTNER_STATUSES, formatReferralCode, type PartnerReferral } from '../../shared/referrals';
import { esc } from '../finder/html';
import { pageTranslations } from '../finder/i18n';
import nl from './locales/nl.json' with { type: 'json' };

/**
 * The partner's page (/partner/<secret>): in Dutch, plain HTML forms, no account. A partner
 * types (or, with JavaScript and a camera, scans) a code, sees what the referral was for
 * and marks what happened. Everything but scanning works without script.
 */
export const partnerT = pageTranslations({ nl })('nl');

export interface PartnerPageState {
  base: string;
  partner: string;
  cssVersion: string;
  /** The version of the scan scripts (partner-scan-assets.ts); without it the page offers typing only. */
  scanVersion?: string;
  referral?: PartnerReferral;
  message?: { kind: 'error' | 'saved'; text: string };
  typed?: string;
}

function layout(title: string, body: string, cssVersion: string, script = ''): string {
  return `<!doctype html>
<html lang="nl" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><meta name="robots" content="noindex, nofollow"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/verwijzing/card.css?v=${esc(cssVersion)}"></head>
<body class="card-page partner-page"><main id="main">${body}</main>${script}</body></html>`;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: LIBRARY_TIME_ZONE });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: LIBRARY_TIME_ZONE });

/**
 * "Scan de code": hidden until assets/partner-scan.js finds a camera (and a secure page),
 * so without script or camera nothing of it shows. Its words ride on data- attributes.
 */
function scanBox(version: string): string {
  const t = partnerT;
  const words = (['starting', 'scanning', 'found', 'notACard', 'noCamera', 'stopped'] as const)
    .map((k) => ` data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${esc(t(`scan.${k}`, { code: '{{code}}' }))}"`)
    .join('');
  return `<div id="scan" class="partner-scan" hidden data-worker="/partner/assets/partner-scan-worker.js?v=${esc(version)}"${words}>
<p><button type="button" data-scan-start>${esc(t('scan.start'))}</button> <button type="button" data-scan-stop hidden>${esc(t('scan.stop'))}</button></p>
<video muted playsinline hidden aria-label="${esc(t('scan.video'))}"></video>
<p data-scan-status role="status"></p></div>`;
}

export function partnerPage(state: PartnerPageState): string {
  const t = partnerT;
  const message = state.message
    ? `<p class="message ${state.message.kind}" role="${state.message.kind === 'error' ? 'alert' : 'status'}">${esc(state.message.text)}</p>`
    : '';
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
  const scan = !r && state.scanVersion ? state.scanVersion : undefined;
  const body = `<h1>${esc(t('title'))}</h1><p>${esc(t('intro', { partner: state.partner }))}</p>${message}${r ? '' : form}${scan ? scanBox(scan) : ''}${details}`;
  return layout(
    t('title'),
    body,
    state.cssVersion,
    scan ? `<script src="/partner/assets/partner-scan.js?v=${esc(scan)}" defer></script>` : '',
  );
}

export function linkRefusedPage(cssVersion: string): string {
  return layout(
    partnerT('linkRefusedTitle'),
    `<h1>${esc(partnerT('linkRefusedTitle'))}</h1><p>${esc(partnerT('linkRefused'))}</p>`,
    cssVersion,
  );
}
