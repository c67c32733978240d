/**
 * Serves the built console (Vite's output in `dist/console/web/`) under `/console/`. Hashed assets are cached for
 * good; `index.html` never, so a rebuild shows at the next reload. Unknown paths without an extension get the page
 * itself, so a bookmarked client-side route still loads.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { HttpRoute } from '../../server/http-types.js';

/** The repository root is three levels up from both src/console/server and dist/console/server. */
export const CONSOLE_BUILD_DIR = resolve(import.meta.dirname, '../../../dist/console/web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export function consoleStaticRoutes(buildDir = CONSOLE_BUILD_DIR): HttpRoute[] {
  const redirect: HttpRoute = {
    path: '/console',
    handle(_req, res) {
      res.statusCode = 302;
      res.setHeader('Location', '/console/');
      res.end();
    },
  };
  const files: HttpRoute = {
    path: '/console/',
    prefix: true,
    async handle(req, res) {
      const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0]!).slice('/console/'.length);
      const wanted = normalize(join(buildDir, urlPath || 'index.html'));
      if (wanted !== buildDir && !wanted.startsWith(buildDir + sep)) {
        res.statusCode = 404;
        res.end('not found');
        return;
      }
      const isPage = extname(wanted) === '' || extname(wanted) === '.html';
      const file = extname(wanted) === '' ? join(buildDir, 'index.html') : wanted;
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        const built = await readFile(join(buildDir, 'index.html')).then(() => true, () => false);
        res.statusCode = built ? 404 : 503;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(built ? 'not found' : 'The console is not built: run `npm run build:console`.\n');
        return;
      }
      res.statusCode = 200;
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.setHeader('Content-Length', body.byteLength);
      res.setHeader('Cache-Control', isPage ? 'no-cache' : 'public, max-age=31536000, immutable');
      if (req.method === 'HEAD') res.end();
      else res.end(body);
    },
  };
  return [redirect, files];
}
