import { defineConfig } from 'vite';

// `npm run dev` proxies the API to a running server (default: `java -jar coplan.jar serve` on 8080).
const api = process.env.COPLAN_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl is one large ESM chunk by design; splitting it buys nothing here.
    chunkSizeWarningLimit: 1200,
    // pages: the map (index.html), presentation mode for meetings (present.html), imports (import.html)
    rollupOptions: { input: { main: 'index.html', present: 'present.html', import: 'import.html' } },
  },
  server: {
    proxy: { '/api': api, '/health': api },
  },
});
