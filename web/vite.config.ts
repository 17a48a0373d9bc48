import { defineConfig } from 'vite';

// `npm run dev` serves the app with hot reload and proxies the API (and its live WebSocket) to a
// server started the usual way, so UI work needs no jar rebuild.
const server = process.env.LESSONLOOP_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // No inline <script> or data: modules: the server's Content-Security-Policy forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: server, ws: true, changeOrigin: false },
      '/health': { target: server },
    },
  },
});
