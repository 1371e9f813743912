import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built PWA. Hashed assets are cached for good; the service worker,
 * the manifest and index.html never are, so an update is seen on the next check.
 */
export const staticApp: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`The app is not built: ${root}/index.html is missing. Run "npm run build" (npm start does this for you).`);
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    setHeaders(res, filePath) {
      const name = path.basename(filePath);
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else res.setHeader('cache-control', 'no-cache');
      if (name === 'sw.js') res.setHeader('service-worker-allowed', '/');
    },
  });
  // Deep links (/?enrol=…, /kiosk) load the app shell; the app routes on the client.
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0]!)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not_found', message: 'Not found' });
  });
};
