import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import compression from 'compression';
import helmet from 'helmet';

/**
 * The application's own routes are Czech paths, so they never collide with the API's;
 * a browser that opens one of them gets `index.html` and the application routes it.
 */
const APPLICATION_ROUTES = /^\/(?:prihlaseni|ukoly|zamery|akcni-plan|oznameni|nastaveni|sprava)?(?:\/[^.]*)?$/;

/** Vite names built assets by their content hash: they never change, so they are cached for a year. */
const HASHED_ASSETS = '/assets';

/**
 * Security headers on every response. The policy allows scripts only from our origin (no
 * inline scripts); styles may be inline because the diagram and form renderers set them.
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      // The API is called by other origins' servers, not browsers; keep cross-origin reads of it possible.
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );
}

/**
 * A browser opening an address that no route serves gets the application with status 404,
 * so that it shows its own "Stránka nenalezena" page; API clients keep the JSON error.
 */
export function answersWithApplicationPage(request: Request, response: Response, status: number, webDir: string): boolean {
  const indexFile = join(resolve(webDir), 'index.html');
  if (request.method !== 'GET' || request.accepts(['application/json', 'text/html']) !== 'text/html' || !existsSync(indexFile)) return false;
  response.status(status).setHeader('Cache-Control', 'no-cache');
  response.sendFile(indexFile);
  return true;
}

/**
 * Serves the built web application at `/` when it has been built (`npm run build`); the
 * JSON API keeps every path it had.
 */
export function serveWebApplication(app: NestExpressApplication, webDir: string): boolean {
  const root = resolve(webDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  // The application's files are sent compressed; the API's responses (and its event stream, which must not be buffered) are not touched.
  app.use(compression({ filter: (request) => request.path.startsWith(HASHED_ASSETS) || APPLICATION_ROUTES.test(request.path) }));
  app.useStaticAssets(join(root, 'assets'), {
    prefix: HASHED_ASSETS,
    index: false,
    fallthrough: false,
    immutable: true,
    maxAge: '365d',
  });
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !APPLICATION_ROUTES.test(request.path)) return next();
    // An API client asking for JSON gets the API's answer (a JSON 404 at `/`), not the page.
    if (request.accepts(['html', 'json']) === 'json') return next();
    // The page itself is never cached, so a new build reaches everyone at their next navigation.
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
  return true;
}
