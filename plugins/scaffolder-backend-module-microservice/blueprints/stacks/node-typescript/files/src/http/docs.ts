/**
 * The OpenAPI document (generated from the same zod schemas the routes validate with) and
 * Swagger UI over it, from swagger-ui-dist's files: no CDN, nothing inline, so helmet's default
 * Content-Security-Policy holds.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import { methodNotAllowed } from './problems.ts';

/** swagger-ui-dist's folder (its index module would load the whole bundle into the server). */
const swaggerUiFolder = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export function docsRouter(document: object, paths: { openapi: string; docs: string }): Router {
  const router = Router({ caseSensitive: true });
  const initializer = [
    'window.onload = () => {',
    '  window.ui = SwaggerUIBundle({',
    `    url: ${JSON.stringify(paths.openapi)},`,
    "    dom_id: '#swagger-ui',",
    '    deepLinking: true,',
    '    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],',
    "    layout: 'StandaloneLayout',",
    '  });',
    '};',
    '',
  ].join('\n');

  router
    .route(paths.openapi)
    .get((_req, res) => {
      res.json(document);
    })
    .all(methodNotAllowed('GET'));
  // Swagger UI loads its files relative to the page: /docs must be /docs/.
  router.get(paths.docs, (req, res, next) => {
    if (req.originalUrl.split('?')[0]?.endsWith('/')) {
      next();
      return;
    }
    res.redirect(301, `${paths.docs}/`);
  });
  router.get(`${paths.docs}/swagger-initializer.js`, (_req, res) => {
    res.type('text/javascript').send(initializer);
  });
  router.use(paths.docs, express.static(swaggerUiFolder, { index: 'index.html', redirect: false }));
  return router;
}
