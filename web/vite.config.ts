import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Root is web/; the Fastify server serves web/dist at `/` with SPA fallback, the API lives under `/api`.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.LANTU_API ?? 'http://localhost:8080', changeOrigin: true },
    },
  },
});
