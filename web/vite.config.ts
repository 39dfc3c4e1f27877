// Builds the UI into dist/, served by `vigil serve` under /ui/ (server/ui_routes.cc).
// `npm run dev` serves it with hot reload and sends API calls to a running
// vigil serve (VIGIL_API, default http://127.0.0.1:8080).
import { defineConfig } from 'vite';

const api = process.env.VIGIL_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/ui/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/v1': api, '/openapi.json': api, '/healthz': api, '/readyz': api },
  },
});
