// Builds the console into dist/console/web, served by Freshet under /console/ (see ../server/static-route.ts).
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [preact()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/console/web', import.meta.url)),
    emptyOutDir: true,
    // Everything is served by Freshet itself; no CDN, no inline size games.
    assetsInlineLimit: 0,
  },
});
