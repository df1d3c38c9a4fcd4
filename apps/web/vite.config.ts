// Vite config of the web app: React, and in dev the API proxied to the server on 127.0.0.1:8787.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.BATON_API_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    // SSE streams pass through the proxy unbuffered; the server checks Origin, so keep it as the browser sent it.
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: { host: '127.0.0.1' },
  // Source maps only when a developer asks (BATON_SOURCE_MAPS=1, which also lets the server serve them): a
  // production build ships none, and its bundles carry no sourceMappingURL.
  // The manifest tells the server which chunks each page loads, so it can announce them in the HTML of that page
  // (apps/server/src/web/route-preloads.ts).
  build: {
    outDir: 'dist',
    manifest: true,
    sourcemap: ['1', 'true'].includes(process.env.BATON_SOURCE_MAPS ?? ''),
  },
});
