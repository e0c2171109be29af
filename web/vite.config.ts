import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Served by the service under /app (the starter front-end) and GET /graphql (GraphiQL's page).
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  // The typed client from its sources (it is a workspace of this repository).
  resolve: { alias: { '@scoran/ledger-client': resolve(import.meta.dirname, '../clients/typescript/src/index.ts') } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // React libraries' "use client" markers mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: { app: resolve(import.meta.dirname, 'index.html'), graphiql: resolve(import.meta.dirname, 'graphiql.html') },
    },
  },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true }, '/reports': 'http://127.0.0.1:3000' } },
});
