import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const api = process.env.API_URL ?? 'http://localhost:3000';
/** The API's paths that `npm run dev` forwards to the running api; the application's own are Czech. */
const apiPaths = ['/auth', '/me', '/tasks', '/intentions', '/catalog', '/action-plans', '/admin', '/audit', '/health', '/docs'];

/** The design system's icons, which its components fetch from `/assets/icons/<type>/<name>.svg`. */
function govIcons(): Plugin {
  const source = fileURLToPath(new URL('../../node_modules/@gov-design-system-ce/icons/lib', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)).map((file) => `${name}/${file}`) : [name]));
  return {
    name: 'gov-icons',
    configureServer(server) {
      server.middlewares.use('/assets/icons', (request, response, next) => {
        const file = join(source, decodeURIComponent((request.url ?? '').split('?')[0]));
        if (!file.startsWith(source) || !file.endsWith('.svg')) return next();
        try {
          response.setHeader('Content-Type', 'image/svg+xml');
          response.end(readFileSync(file));
        } catch {
          next();
        }
      });
    },
    generateBundle() {
      for (const file of files(source).filter((name) => name.endsWith('.svg'))) {
        this.emitFile({ type: 'asset', fileName: `assets/icons/${file}`, source: readFileSync(join(source, file)) });
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [govIcons()],
  resolve: {
    // form-js's editor pins an older preact than its viewer; the editor renders the viewer's
    // fields in its own tree, so both must use one copy (hooks and contexts are per copy).
    dedupe: ['preact'],
  },
  // The api serves dist/web at `/`; everything built lands in the repository's dist/.
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // bench/web reads which chunks the inbox loads from the manifest.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // The design system marks its React components "use client" (for server rendering, which this application does not do).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: api }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // The design system's React package imports its files without extensions, which only a bundler resolves.
    server: { deps: { inline: [/@gov-design-system-ce/] } },
  },
});
