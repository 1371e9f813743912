import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // INLOOP_BUILD_VERSION lets a test build a "next release" of the same code (e2e/durability.test.ts).
  define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(process.env.INLOOP_BUILD_VERSION ?? version) },
  plugins: [
    preact(),
    VitePWA({
      // Prompt, never auto-reload: an automatic update would reload a page under a volunteer's hands.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Inloop – Digitaalhuis',
        short_name: 'Inloop',
        description: 'Vragen aan de balie van het Digitaalhuis vastleggen, ook zonder internet.',
        lang: 'nl',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f3f4f7',
        theme_color: '#0b5cad',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every chunk, lazy ones included, so a deploy never strands a tablet without the code it needs.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
        // The coordinator console is online-only and for browsers, not tablets: never precached.
        globIgnores: ['**/ConsoleApp-*'],
        navigateFallback: '/index.html',
        // The certificate page and file come from the server (they work before the app can).
        navigateFallbackDenylist: [/^\/api\//, /^\/certifica(at|te)/, /^\/ca\.crt$/],
        cleanupOutdatedCaches: true,
        // The first install takes over the page that installed it: without that, the lazy screens
        // and schemas of a tablet's first session came from the network, and a save offline before
        // the first reload failed. An update still waits for "Update now" (skipWaiting: false), and
        // only then claims the page, which reloads (pwa/service-worker.ts).
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
  ],
  server: {
    proxy: { '/api': `http://localhost:${process.env.INLOOP_API_PORT ?? 8081}` },
  },
  // The catalogue search worker (src/app/catalogue/search-worker.ts) is a module worker: ES output lets it share chunks.
  worker: { format: 'es' },
  build: {
    target: 'es2020',
    sourcemap: false,
    outDir: 'dist',
    emptyOutDir: true,
  },
});
