import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import i18next, { type TFunction } from 'i18next';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { LIBRARY_TIME_ZONE } from '../../shared/library-clock';
import { z } from '../../shared/zod';
import { permittedNames } from '../tls/certificates';
import nl from '../tls/locales/nl.json' with { type: 'json' };
import en from '../tls/locales/en.json' with { type: 'json' };

export interface CertificatePageOptions {
  /** The installation's own CA certificate (tls:setup); absent when a public CA is used. */
  caPath?: string;
  /** The https address tablets open, once the server knows its port. */
  tabletUrl: () => string | undefined;
}

const PAGE_LANGUAGES = ['nl', 'en'] as const;
const translations = i18next.createInstance();
void translations.init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  fallbackLng: 'nl',
  initAsync: false,
  showSupportNotice: false,
  interpolation: { escapeValue: false },
});

/**
 * /certificaat: how a coordinator makes a tablet trust this box's own CA, with the
 * certificate to download and its fingerprint to compare. It is served on the plain
 * HTTP port too: a tablet cannot check an HTTPS connection before it has this file,
 * which is exactly why the fingerprint must be compared with the one tls:setup printed.
 */
export const certificatePage: FastifyPluginAsync<CertificatePageOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/certificaat',
    {
      // A page for people, described in docs/deploy.md, not part of the API document.
      schema: { hide: true, querystring: z.object({ lang: z.optional(z.enum(PAGE_LANGUAGES)) }) },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? 'nl';
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
      return renderPage(translations.getFixedT(lang), lang, opts.caPath ? readCa(opts.caPath) : undefined, opts.tabletUrl());
    },
  );
  typed.get('/certificate', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/certificaat?lang=en', 302));
  typed.get('/ca.crt', { schema: { hide: true } }, async (_request, reply) => {
    if (!opts.caPath)
      return reply
        .code(404)
        .send({ error: 'not_found', message: 'This server has no certificate authority of its own: nothing to install.' });
    reply
      .header('cache-control', 'no-cache')
      .header('content-disposition', 'attachment; filename="inloop-ca.crt"')
      .type('application/x-x509-ca-cert');
    return readFileSync(opts.caPath, 'utf8');
  });
  typed.get('/certificaat.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(STYLES),
  );
};

interface CaInfo {
  pem: string;
  fingerprint: string;
  subject: string;
  validTo: Date;
  names: string[];
}

function readCa(caPath: string): CaInfo {
  const pem = readFileSync(caPath, 'utf8');
  const cert = new X509Certificate(pem);
  const permitted = permittedNames(pem);
  return {
    pem,
    fingerprint: cert.fingerprint256,
    subject: /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject,
    validTo: new Date(cert.validTo),
    names: permitted ? [...permitted.hosts, ...permitted.ips] : [],
  };
}

function renderPage(t: TFunction, lang: (typeof PAGE_LANGUAGES)[number], ca: CaInfo | undefined, tabletUrl: string | undefined): string {
  const other = lang === 'nl' ? 'en' : 'nl';
  const steps = (key: string) =>
    `<ol>${(t(key, { returnObjects: true }) as string[]).map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`;
  const section = (key: string) => `<section><h2>${escapeHtml(t(key))}</h2>${steps(`${key}Steps`)}</section>`;
  const date = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: LIBRARY_TIME_ZONE });
  const body = ca
    ? `<p>${escapeHtml(t('intro'))}</p>
<p><a class="button" href="/ca.crt" download="inloop-ca.crt">${escapeHtml(t('download'))}</a></p>
<section class="check"><h2>${escapeHtml(t('checkTitle'))}</h2><p>${escapeHtml(t('checkText'))}</p>
<dl><dt>${escapeHtml(t('fingerprint'))}</dt><dd><code data-testid="fingerprint">${escapeHtml(ca.fingerprint)}</code></dd>
<dt>${escapeHtml(t('name'))}</dt><dd>${escapeHtml(ca.subject)}</dd>
<dt>${escapeHtml(t('validUntil'))}</dt><dd>${escapeHtml(date.format(ca.validTo))}</dd>
${ca.names.length ? `<dt>${escapeHtml(t('mayCertify'))}</dt><dd>${ca.names.map(escapeHtml).join(', ')}</dd>` : ''}</dl></section>
${['android', 'ipad', 'chromeos', 'windows', 'managed'].map(section).join('\n')}`
    : `<p>${escapeHtml(t('none'))}</p>`;
  const open = tabletUrl
    ? `<p class="then">${escapeHtml(t('thenOpen'))} <a href="${escapeHtml(tabletUrl)}">${escapeHtml(tabletUrl)}</a></p>`
    : '';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('title'))}</title><link rel="stylesheet" href="/certificaat.css"></head>
<body><main><p class="lang"><a href="/certificaat?lang=${other}" lang="${other}">${escapeHtml(t('otherLanguage'))}</a></p>
<h1>${escapeHtml(t('title'))}</h1>
${body}
${open}
<p class="why">${escapeHtml(t('why'))}</p></main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Contrast above 7:1 for text, 44 px targets; no inline styles, so the CSP stays strict.
const STYLES = `body{font:18px/1.5 system-ui,sans-serif;margin:0;background:#f3f4f7;color:#1a1a1a}
main{max-width:44rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.75rem}
a{color:#0b4f96}a:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.lang{text-align:end}.lang a{display:inline-block;min-height:44px;line-height:44px;padding:0 .5rem}
.button{display:inline-block;min-height:48px;line-height:48px;padding:0 1.25rem;background:#0b4f96;color:#fff;border-radius:8px;text-decoration:none;font-weight:600}
.check{background:#fff;border:2px solid #0b4f96;border-radius:8px;padding:.25rem 1rem 1rem}
code{font-size:1rem;word-break:break-all;background:#eef1f6;padding:.15rem .3rem}
dt{font-weight:600;margin-top:.5rem}dd{margin:0}
li{margin:.35rem 0}.then{font-weight:600;margin-top:2rem}.then a{word-break:break-all}`;
